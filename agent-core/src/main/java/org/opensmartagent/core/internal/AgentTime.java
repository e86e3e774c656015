package org.opensmartagent.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The agent's trusted time: the injected wall clock plus an offset that absorbs every backwards
 * jump, so agent time never runs backwards and a rolled-back clock can never extend an evaluation,
 * a grace period or a deadline. Within one process a monotonic ticker measures the time since the
 * last reading, so a jump loses no time at all; across a restart the stored last trusted time is
 * the floor. A forward jump is taken as it is (it can only shorten periods). Not thread-safe: used
 * under the engine's state lock.
 */
final class AgentTime {
  private final Clock clock;
  private final LongSupplier ticker;
  private Optional<Anchor> anchor = Optional.empty();

  private record Anchor(Instant trusted, long nanos) {}

  AgentTime(Clock clock, LongSupplier ticker) {
    this.clock = clock;
    this.ticker = ticker;
  }

  /** A reading: the trusted instant, how far the clock went back, and the raw clock. */
  record Reading(Instant now, Optional<Duration> rolledBack, Instant raw) {}

  /** Reads the clock for a commit on {@code s}, updating its offset and last trusted time. */
  Reading read(AgentState s) {
    Instant raw = clock.instant();
    long nanos = ticker.getAsLong();
    Instant adjusted = raw.plus(s.clockOffset);
    Instant floor = floor(s, nanos);
    Optional<Duration> back = Optional.empty();
    if (adjusted.isBefore(floor)) {
      Duration gap = Duration.between(adjusted, floor);
      s.clockOffset = s.clockOffset.plus(gap);
      adjusted = floor;
      back = Optional.of(gap);
    }
    s.lastTrustedTime = adjusted;
    anchor = Optional.of(new Anchor(adjusted, nanos));
    return new Reading(adjusted, back, raw);
  }

  /** The trusted instant for a read-only look at {@code s}; changes nothing. */
  Instant peek(AgentState s) {
    Instant adjusted = clock.instant().plus(s.clockOffset);
    Instant floor = floor(s, ticker.getAsLong());
    return adjusted.isBefore(floor) ? floor : adjusted;
  }

  private Instant floor(AgentState s, long nanos) {
    Instant floor = s.lastTrustedTime;
    if (anchor.isPresent()) {
      long elapsed = Math.max(0, nanos - anchor.get().nanos());
      Instant expected = anchor.get().trusted().plusNanos(elapsed);
      if (expected.isAfter(floor)) {
        floor = expected;
      }
    }
    return floor;
  }
}
