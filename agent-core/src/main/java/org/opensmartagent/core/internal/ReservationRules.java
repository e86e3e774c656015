package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReservedEntitlement;

/**
 * The rules of an offline reservation: which entitlements an installed code covers, the reminder
 * every 24 hours while a request code waits, and the warnings before a reserved term ends.
 */
final class ReservationRules {
  static final Duration REMINDER = Duration.ofHours(24);
  static final String NOT_PRESENT = "License not present in SLR auth code";
  static final String EXPIRED = "Reserved license expired";

  private ReservationRules() {}

  static void apply(AgentState s, Instant now, ProductPolicy p, Events ev) {
    if (s.pendingRequest.isPresent()) {
      Instant last = s.lastReminder.orElse(now);
      if (!now.isBefore(last.plus(REMINDER))) {
        s.lastReminder = Optional.of(now);
        ev.add(
            EventCode.RESERVATION_REQUEST_PENDING,
            "Request code "
                + s.pendingRequest.get().text()
                + " is still waiting for its authorization code. Reserve licenses for it on the"
                + " license server and install the authorization code.");
      }
    }
    if (s.installed.isEmpty() || !Rules.isReservationInstalled(s)) {
      return;
    }
    AuthorizationCode code = s.installed.get();
    for (EntitlementState e : s.entitlements.values()) {
      e.reason = e.requested ? reason(code, e, now) : "";
      Optional<Instant> end = termEnd(code, e);
      if (!e.requested || end.isEmpty() || !now.isBefore(end.get())) {
        continue;
      }
      Duration left = Duration.between(now, end.get());
      OptionalInt due = Notices.due(p.outOfComplianceNotices(), e.reservedNoticesFired, left);
      if (due.isPresent()) {
        e.reservedNoticesFired =
            Notices.markCrossed(p.outOfComplianceNotices(), e.reservedNoticesFired, left);
        ev.add(
            EventCode.RESERVED_LICENSE_EXPIRY_WARNING,
            "The reserved license "
                + e.tag.name()
                + " expires in "
                + Durations.inDays(left)
                + ", on "
                + end.get()
                + ". Reserve a new term and install the new authorization code.",
            "tag",
            e.tag);
      }
    }
  }

  /** The mode of a requested entitlement under an installed reservation. */
  static EnforcementMode mode(AuthorizationCode code, EntitlementState e, Instant now) {
    return reason(code, e, now).isEmpty()
        ? EnforcementMode.RESERVED_AUTHORIZED
        : EnforcementMode.NOT_AUTHORIZED;
  }

  /** Why an entitlement is not covered, or empty when it is. */
  static String reason(AuthorizationCode code, EntitlementState e, Instant now) {
    if (code.type() == ReservationType.UNIVERSAL) {
      return "";
    }
    Optional<ReservedEntitlement> r = code.entitlement(e.tag);
    if (r.isEmpty()) {
      return NOT_PRESENT;
    }
    if (!r.get().term().isActiveAt(now)) {
      return r.get().term().end().filter(end -> !now.isBefore(end)).isPresent()
          ? EXPIRED + " on " + r.get().term().end().get()
          : "Reserved license term starts on " + r.get().term().start().orElseThrow();
    }
    if (r.get().count() < e.count) {
      return "Reserved count " + r.get().count() + " is below the " + e.count + " in use";
    }
    return "";
  }

  /** The next instant at which a reservation rule is due, if any. */
  static Optional<Instant> next(AgentState s, ProductPolicy p, Instant now) {
    Optional<Instant> next =
        s.pendingRequest.isPresent()
            ? Optional.of(s.lastReminder.orElse(now).plus(REMINDER))
            : Optional.empty();
    if (s.installed.isEmpty() || !Rules.isReservationInstalled(s)) {
      return next;
    }
    for (EntitlementState e : s.entitlements.values()) {
      Optional<Instant> end = termEnd(s.installed.get(), e).filter(now::isBefore);
      Optional<Instant> start =
          s.installed.get().entitlement(e.tag).flatMap(r -> r.term().start()).filter(now::isBefore);
      if (!e.requested) {
        continue;
      }
      next = Wakeups.earliest(next, start);
      if (end.isPresent()) {
        Duration left = Duration.between(now, end.get());
        next = Wakeups.earliest(next, end);
        next =
            Wakeups.earliest(
                next,
                Notices.nextThreshold(p.outOfComplianceNotices(), e.reservedNoticesFired, left)
                    .map(end.get()::minus));
      }
    }
    return next;
  }

  private static Optional<Instant> termEnd(AuthorizationCode code, EntitlementState e) {
    return code.type() == ReservationType.SPECIFIC
        ? code.entitlement(e.tag).flatMap(r -> r.term().end())
        : Optional.empty();
  }
}
