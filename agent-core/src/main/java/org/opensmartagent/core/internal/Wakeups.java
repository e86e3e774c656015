package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.opensmartagent.core.ProductPolicy;

/** The local instants {@link Due} wakes for: deadlines, expiries, notices and checkpoints. */
final class Wakeups {
  private Wakeups() {}

  /** The next local deadline, notice or checkpoint after the commit at {@code now}. */
  static Optional<Instant> next(AgentState s, ProductPolicy p, Instant now) {
    Optional<Instant> next = s.authorizedUntil.filter(now::isBefore);
    next = earliest(next, Rules.registrationExpiry(s, p));
    next =
        earliest(
            next,
            s.reg.map(r -> r.idCertNotAfter().minus(Duration.ofDays(30))).filter(now::isBefore));
    if (s.evalCountingSince.isPresent()) {
      Instant since = s.evalCountingSince.get();
      next = earliest(next, Optional.of(since.plus(s.evalRemaining)));
      next = earliest(next, Optional.of(now.plus(p.checkpointInterval())));
      Optional<Duration> threshold =
          Notices.nextThreshold(p.evaluationNotices(), s.evalNoticesFired, s.evalRemaining);
      next = earliest(next, threshold.map(t -> since.plus(s.evalRemaining.minus(t))));
    }
    next = earliest(next, ReservationRules.next(s, p, now));
    for (EntitlementState e : s.entitlements.values()) {
      if (e.graceEnds.isPresent() && now.isBefore(e.graceEnds.get())) {
        Instant end = e.graceEnds.get();
        Duration left = Duration.between(now, end);
        next = earliest(next, Optional.of(end));
        next =
            earliest(
                next,
                Notices.nextThreshold(p.outOfComplianceNotices(), e.graceNoticesFired, left)
                    .map(end::minus));
      }
    }
    return next;
  }

  static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().isBefore(b.get()) ? a : b;
  }
}
