package org.opensmartagent.core.reservation;

import java.util.Objects;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.LicenseTerm;

/** One entitlement in an SLR authorization code: what, how many, and for how long. */
public record ReservedEntitlement(
    EntitlementTag tag,
    long count,
    LicenseTerm term,
    String displayName,
    String description,
    String subscriptionId) {

  public ReservedEntitlement {
    Objects.requireNonNull(tag, "tag == null");
    Objects.requireNonNull(term, "term == null");
    Objects.requireNonNull(displayName, "displayName == null");
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(subscriptionId, "subscriptionId == null");
    if (count < 1) {
      throw new IllegalArgumentException("reserved count of " + tag + " must be at least 1");
    }
  }

  public static ReservedEntitlement of(EntitlementTag tag, long count, LicenseTerm term) {
    return new ReservedEntitlement(tag, count, term, tag.name(), tag.name(), "");
  }

  /** {@code PERPETUAL} or {@code TERM}. */
  public String licenseType() {
    return term.isPerpetual() ? "PERPETUAL" : "TERM";
  }
}
