package org.opensmartagent.core.reservation;

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

  /** The two letters that start a request code of this type. */
  public String requestPrefix() {
    return requestPrefix;
  }

  /** The {@code <flag>} of an authorization code of this type. */
  public String flag() {
    return flag;
  }

  static ReservationType ofPrefix(String prefix) {
    for (ReservationType t : values()) {
      if (t.requestPrefix.equals(prefix)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "request code type '" + prefix + "' is unknown (CB = specific, CU = universal)");
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
