package org.opensmartagent.testkit;

import java.util.Objects;

/**
 * What an administrator fills in to create a registration token in a virtual account: a
 * description, a validity of 1..365 days, how many registrations it allows, and whether products
 * registered with it may use export-controlled functionality. Immutable.
 */
public record TokenSpec(
    String description, int validityDays, int maxUses, boolean exportControlled) {
  /** The longest validity a token may have. */
  public static final int MAX_VALIDITY_DAYS = 365;

  public TokenSpec {
    Objects.requireNonNull(description, "description == null");
    if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
      throw new IllegalArgumentException(
          "validityDays must be 1.."
              + MAX_VALIDITY_DAYS
              + " (30 is recommended); got "
              + validityDays);
    }
    if (maxUses < 1) {
      throw new IllegalArgumentException(
          "maxUses must be at least 1 (one token may register many products); got " + maxUses);
    }
  }

  /** A 30-day token for up to 100 registrations without export-controlled functionality. */
  public static TokenSpec standard(String description) {
    return new TokenSpec(description, 30, 100, false);
  }
}
