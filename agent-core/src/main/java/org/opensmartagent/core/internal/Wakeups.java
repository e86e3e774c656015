package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.opensmartagent.core.ProductPolicy;

/** When the agent must next wake up: the earliest renewal, retry, deadline or notice. */
final class Wakeups {
  private Wakeups() {}

  static Optional<Instant> authorizationDue(AgentState s, ProductPolicy p) {
    if (!s.isRegisteredAndAuthorized() && !registeredAwaitingAuthorization(s)) {
      return Optional.empty();
    }
    Optional<Instant> regular =
        s.authRetry
            .nextRetry()
            .or(() -> s.lastAuthorization.map(t -> t.plus(p.authorizationRenewal())));
    return earliest(regular, s.usageReportDue);
  }

  static Optional<Instant> idRenewalDue(AgentState s, ProductPolicy p) {
    if (!s.isRegisteredAndAuthorized() && !registeredAwaitingAuthorization(s)) {
      return Optional.empty();
    }
    return s.idRetry
        .nextRetry()
        .or(() -> s.reg.map(r -> r.lastIdRenewal().plus(p.idCertRenewal())));
  }

  private static boolean registeredAwaitingAuthorization(AgentState s) {
    return s.durableRegistration() == org.opensmartagent.core.RegistrationState.REGISTERED
        && s.reg.isPresent();
  }

  /** The next instant at which something is due, after the commit at {@code now}. */
  static Optional<Instant> next(AgentState s, ProductPolicy p, Instant now) {
    Optional<Instant> next = earliest(authorizationDue(s, p), idRenewalDue(s, p));
    next = earliest(next, s.authorizedUntil.filter(now::isBefore));
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
