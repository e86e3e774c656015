package org.opensmartagent.core;

import java.util.Objects;

/**
 * What the firmware asks for: an entitlement, how many, and what is counted. Immutable.
 *
 * <p>The count must be positive; to stop using an entitlement release it instead.
 */
public record EntitlementRequest(EntitlementTag tag, long count, CountUnit unit) {
  public EntitlementRequest {
    Objects.requireNonNull(tag, "tag == null");
    Objects.requireNonNull(unit, "unit == null");
    if (count < 1) {
      throw new IllegalArgumentException(
          "count for " + tag + " must be at least 1 but was " + count + "; release it instead");
    }
  }

  /** One device's worth of {@code tag}. */
  public static EntitlementRequest one(EntitlementTag tag) {
    return new EntitlementRequest(tag, 1, CountUnit.DEVICES);
  }
}
