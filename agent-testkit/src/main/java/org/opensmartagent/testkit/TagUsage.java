package org.opensmartagent.testkit;

import java.util.Objects;
import org.opensmartagent.core.EntitlementTag;

/**
 * One entitlement of a virtual account: the count in use across its product instances, the licenses
 * active at the server's time, and whether the pool allows overage. Immutable.
 */
public record TagUsage(EntitlementTag tag, long inUse, long licensed, boolean allowOverage) {
  public TagUsage {
    Objects.requireNonNull(tag, "tag == null");
  }

  /** True when no more is in use than is licensed. */
  public boolean isCompliant() {
    return inUse <= licensed;
  }
}
