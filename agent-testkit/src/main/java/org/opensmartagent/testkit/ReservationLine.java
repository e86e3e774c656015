package org.opensmartagent.testkit;

import java.util.Objects;
import org.opensmartagent.core.EntitlementTag;

/** One line of a specific (SLR) reservation: how many licenses of which entitlement. Immutable. */
public record ReservationLine(EntitlementTag tag, long count) {
  public ReservationLine {
    Objects.requireNonNull(tag, "tag == null");
    if (count < 1) {
      throw new IllegalArgumentException("count of " + tag + " must be at least 1; got " + count);
    }
  }
}
