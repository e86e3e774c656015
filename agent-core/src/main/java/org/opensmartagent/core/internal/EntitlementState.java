package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.Optional;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.transport.Verdict;

/**
 * One entitlement's persistent state: whether and how much it is requested, the server's last
 * verdict and the out-of-compliance grace. Mutable, but only ever changed on a private copy inside
 * a commit.
 */
final class EntitlementState {
  final EntitlementTag tag;
  boolean requested;
  long count;
  CountUnit unit;
  EnforcementMode mode = EnforcementMode.DISABLED;
  Optional<Verdict.Kind> verdict = Optional.empty();
  String reason = "";
  Optional<Instant> graceEnds = Optional.empty();
  int graceNoticesFired;
  boolean featureExpiredNotified;
  int reservedNoticesFired;

  EntitlementState(EntitlementTag tag, CountUnit unit) {
    this.tag = tag;
    this.unit = unit;
  }

  EntitlementState copy() {
    EntitlementState c = new EntitlementState(tag, unit);
    c.requested = requested;
    c.count = count;
    c.mode = mode;
    c.verdict = verdict;
    c.reason = reason;
    c.graceEnds = graceEnds;
    c.graceNoticesFired = graceNoticesFired;
    c.featureExpiredNotified = featureExpiredNotified;
    c.reservedNoticesFired = reservedNoticesFired;
    return c;
  }

  void clearVerdict() {
    verdict = Optional.empty();
    reason = "";
    graceEnds = Optional.empty();
    graceNoticesFired = 0;
  }
}
