package org.opensmartagent.core.reservation;

import java.util.Optional;

/** What a reservation covers. */
public enum ReservationType {
  /** Specific License Reservation: chosen entitlements and counts, possibly for a term. */
  SPECIFIC("CB", "A"),
  /** Permanent (universal) License Reservation: every entitlement, forever. */
  UNIVERSAL("CU", "U");

  private final String requestPrefix;
  private final String flag;

  ReservationType(String requestPrefix, String flag) {
    this.requestPrefix = requestPrefix;
    this.flag = flag;
  }

  /** The two letters that start a hardware request code of this type (our choice). */
  public String requestPrefix() {
    return requestPrefix;
  }

  /** The {@code <flag>} of an authorization code of this type. */
  public String flag() {
    return flag;
  }

  /** The type our codes mark with {@code prefix}; empty for other letters (real codes). */
  static Optional<ReservationType> fromPrefix(String prefix) {
    for (ReservationType t : values()) {
      if (t.requestPrefix.equals(prefix)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  static ReservationType ofFlag(String flag) {
    for (ReservationType t : values()) {
      if (t.flag.equals(flag)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "authorization code flag '" + flag + "' is unknown (A or U)");
  }
}
