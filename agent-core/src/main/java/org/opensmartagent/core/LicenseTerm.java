package org.opensmartagent.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How long a license lasts: perpetual, or a term from a start to an end instant. Immutable. */
public record LicenseTerm(Optional<Instant> start, Optional<Instant> end) {
  private static final LicenseTerm PERPETUAL = new LicenseTerm(Optional.empty(), Optional.empty());

  public LicenseTerm {
    Objects.requireNonNull(start, "start == null");
    Objects.requireNonNull(end, "end == null");
    if (start.isPresent() != end.isPresent()) {
      throw new IllegalArgumentException("a term needs both a start and an end");
    }
    if (start.isPresent() && !end.get().isAfter(start.get())) {
      throw new IllegalArgumentException(
          "term end " + end.get() + " must be after its start " + start.get());
    }
  }

  public static LicenseTerm perpetual() {
    return PERPETUAL;
  }

  public static LicenseTerm term(Instant start, Instant end) {
    return new LicenseTerm(
        Optional.of(Objects.requireNonNull(start, "start == null")),
        Optional.of(Objects.requireNonNull(end, "end == null")));
  }

  public boolean isPerpetual() {
    return end.isEmpty();
  }

  /** True when the license may be used at {@code instant}: perpetual, or start <= instant < end. */
  public boolean isActiveAt(Instant instant) {
    return isPerpetual() || (!instant.isBefore(start.get()) && instant.isBefore(end.get()));
  }

  @Override
  public String toString() {
    return isPerpetual() ? "PERPETUAL" : "TERM " + start.get() + " .. " + end.get();
  }
}
