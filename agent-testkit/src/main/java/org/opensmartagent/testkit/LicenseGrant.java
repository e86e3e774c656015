package org.opensmartagent.testkit;

import java.time.Instant;
import java.util.Objects;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.LicenseTerm;

/**
 * Licenses of one entitlement added to a virtual account's pool: how many, for which term, and
 * whether use beyond the count is an overage (billed later) rather than out of compliance.
 * Immutable.
 */
public record LicenseGrant(EntitlementTag tag, long count, LicenseTerm term, boolean allowOverage) {
  public LicenseGrant {
    Objects.requireNonNull(tag, "tag == null");
    Objects.requireNonNull(term, "term == null");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1; got " + count);
    }
  }

  /** {@code count} perpetual licenses of {@code tag}, without overage. */
  public static LicenseGrant perpetual(EntitlementTag tag, long count) {
    return new LicenseGrant(tag, count, LicenseTerm.perpetual(), false);
  }

  /** {@code count} licenses of {@code tag} usable from {@code start} until {@code end}. */
  public static LicenseGrant term(EntitlementTag tag, long count, Instant start, Instant end) {
    return new LicenseGrant(tag, count, LicenseTerm.term(start, end), false);
  }

  /** The same grant with overage allowed. */
  public LicenseGrant withOverage() {
    return new LicenseGrant(tag, count, term, true);
  }

  /** True when these licenses count at {@code instant}. */
  public boolean isActiveAt(Instant instant) {
    return term.isActiveAt(instant);
  }
}
