package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.GatingMode;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.transport.Verdict;

/**
 * The licensing rules, applied at the end of every commit: what the clock has expired, which
 * notices are due, and what the entitlement modes and the authorization state must now be. Pure
 * functions of the state, the policy and the time; every resulting move goes through {@link
 * Transitions}.
 */
final class Rules {
  private static final Duration ID_CERT_WARNING = Duration.ofDays(30);

  private Rules() {}

  /** Charges the evaluation period for the time it counted up to {@code now}. */
  /**
   * Charges the evaluation for the time the monotonic ticker measured since the last commit ({@code
   * nanos} is the ticker now), if it was counting: a wall clock set back extends nothing, and a
   * forward jump (corrected by NTP or not) costs nothing.
   */
  static void settleEvaluation(AgentState s, Instant now, long nanos) {
    if (s.evalCountingSince.isPresent()) {
      Duration left = s.evalRemaining.minus(evaluationUsed(s, nanos));
      s.evalRemaining = left.isNegative() ? Duration.ZERO : left;
      s.evalCountingSince = Optional.of(now);
    }
    s.evalSettledAtNanos = nanos;
  }

  /** The evaluation used since the last commit, by the monotonic ticker; zero when not counting. */
  static Duration evaluationUsed(AgentState s, long nanos) {
    return s.evalCountingSince.isPresent()
        ? Duration.ofNanos(Math.max(0, nanos - s.evalSettledAtNanos))
        : Duration.ZERO;
  }

  static void apply(AgentState s, Instant now, ProductPolicy p, Events ev) {
    expireRegistration(s, now, p, ev);
    evaluation(s, now, p, ev);
    grace(s, now, p, ev);
    ReservationRules.apply(s, now, p, ev);
    for (EntitlementState e : s.entitlements.values()) {
      EntitlementDefinition d = p.requireEntitlement(e.tag);
      EnforcementMode before = e.mode;
      Transitions.entitlement(e, mode(s, e, d, now), ev);
      if (before != e.mode) {
        announceEntitlement(e, d, ev);
      }
    }
    AuthorizationState before = s.authorization;
    Transitions.authorization(s, authorization(s, now, p), ev);
    if (before != s.authorization) {
      announceAuthorization(before, s.authorization, s, ev);
    }
  }

  static boolean nonBaseInUse(AgentState s, ProductPolicy p) {
    for (EntitlementState e : s.entitlements.values()) {
      if (e.requested && !p.requireEntitlement(e.tag).base()) {
        return true;
      }
    }
    return false;
  }

  static boolean evaluationCounts(AgentState s, ProductPolicy p) {
    return s.enabled
        && p.hasEvaluation()
        && Durations.positive(s.evalRemaining)
        && !s.isRegisteredAndAuthorized()
        && !isReservationInstalled(s)
        && nonBaseInUse(s, p);
  }

  static boolean isReservationInstalled(AgentState s) {
    return s.registration == RegistrationState.REGISTERED_SLR
        || s.registration == RegistrationState.REGISTERED_PLR;
  }

  static boolean authorizationExpired(AgentState s, Instant now) {
    return s.authorizedUntil.map(until -> !now.isBefore(until)).orElse(false);
  }

  /** When the registration is lost: ID certificate expiry or the contact deadline. */
  static Optional<Instant> registrationExpiry(AgentState s, ProductPolicy p) {
    if (s.durableRegistration() != RegistrationState.REGISTERED || s.reg.isEmpty()) {
      return Optional.empty();
    }
    Instant cert = s.reg.get().idCertNotAfter();
    Instant contact =
        s.lastContact.orElse(s.reg.get().initialRegistration()).plus(p.registrationLoss());
    return Optional.of(cert.isBefore(contact) ? cert : contact);
  }

  /** Whether firmware may use the feature now, under its gating mode. */
  static boolean allowed(EntitlementDefinition d, EnforcementMode mode) {
    if (d.base() || d.gating() == GatingMode.REPORT_ONLY) {
      return true;
    }
    return switch (mode) {
      case EVALUATION_EXPIRED,
              GRACE_PERIOD_EXPIRED,
              AUTHORIZATION_EXPIRED,
              NOT_AUTHORIZED,
              INITIALIZED ->
          false;
      default -> true;
    };
  }

  private static void expireRegistration(AgentState s, Instant now, ProductPolicy p, Events ev) {
    Optional<Instant> expiry = registrationExpiry(s, p);
    if (expiry.isEmpty()) {
      return;
    }
    Instant notAfter = s.reg.get().idCertNotAfter();
    if (!s.idExpiryWarned
        && !now.isBefore(notAfter.minus(ID_CERT_WARNING))
        && now.isBefore(notAfter)) {
      s.idExpiryWarned = true;
      ev.add(
          EventCode.ID_CERT_EXPIRY_WARNING,
          "The ID certificate expires on " + notAfter + "; the agent keeps trying to renew it");
    }
    if (now.isBefore(expiry.get())) {
      return;
    }
    boolean certExpired = !now.isBefore(notAfter);
    if (certExpired) {
      ev.add(EventCode.ID_CERT_EXPIRED, "The ID certificate expired on " + notAfter);
    }
    if (s.registration == RegistrationState.REGISTERED) {
      Transitions.registration(s, RegistrationState.REGISTRATION_EXPIRED, ev);
    }
    // else a forced re-registration is under way: it goes on, but the registration it would fall
    // back to on failure is lost
    s.beforeAttempt = RegistrationState.REGISTRATION_EXPIRED;
    s.clearRegistration();
    ev.add(
        EventCode.REGISTRATION_EXPIRED,
        (certExpired
                ? "The ID certificate was not renewed in time"
                : "No contact with the license server for "
                    + p.registrationLoss().toDays()
                    + " days")
            + ": the registration is lost and the evaluation period resumes with the days that"
            + " remain. Register the product again.");
  }

  private static void evaluation(AgentState s, Instant now, ProductPolicy p, Events ev) {
    boolean counts = evaluationCounts(s, p);
    if (counts && s.evalCountingSince.isEmpty()) {
      s.evalCountingSince = Optional.of(now);
      if (!s.evalStarted) {
        s.evalStarted = true;
        ev.add(
            EventCode.EVAL_STARTED,
            "Evaluation period started: " + Durations.format(s.evalRemaining) + " of use remain");
      }
    } else if (!counts) {
      s.evalCountingSince = Optional.empty();
    }
    if (counts) {
      OptionalInt due = Notices.due(p.evaluationNotices(), s.evalNoticesFired, s.evalRemaining);
      if (due.isPresent()) {
        s.evalNoticesFired =
            Notices.markCrossed(p.evaluationNotices(), s.evalNoticesFired, s.evalRemaining);
        ev.add(
            EventCode.EVAL_EXPIRY_WARNING,
            "Evaluation period expires in "
                + Durations.inDays(s.evalRemaining)
                + ". Register the product to keep its features licensed.",
            "threshold",
            p.evaluationNotices().get(due.getAsInt()),
            "remaining",
            s.evalRemaining);
      }
    }
    if (s.evalStarted && !Durations.positive(s.evalRemaining) && !s.evalExpiredNotified) {
      s.evalExpiredNotified = true;
      ev.add(
          EventCode.EVAL_EXPIRED,
          "Evaluation period expired. Register the product with a token to license its features.");
    }
  }

  private static void grace(AgentState s, Instant now, ProductPolicy p, Events ev) {
    for (EntitlementState e : s.entitlements.values()) {
      boolean ooc = e.requested && e.verdict.equals(Optional.of(Verdict.Kind.OUT_OF_COMPLIANCE));
      if (!ooc) {
        e.graceEnds = Optional.empty();
        e.graceNoticesFired = 0;
        continue;
      }
      if (e.graceEnds.isEmpty()) {
        e.graceEnds = Optional.of(now.plus(p.outOfComplianceGrace()));
      }
      Duration left = Duration.between(now, e.graceEnds.get());
      if (left.isNegative()) {
        left = Duration.ZERO;
      }
      OptionalInt due = Notices.due(p.outOfComplianceNotices(), e.graceNoticesFired, left);
      if (Durations.positive(left) && due.isPresent()) {
        e.graceNoticesFired =
            Notices.markCrossed(p.outOfComplianceNotices(), e.graceNoticesFired, left);
        ev.add(
            EventCode.OOC_GRACE_WARNING,
            e.tag.name()
                + " is out of compliance; its grace period ends in "
                + Durations.inDays(left)
                + ". Add licenses to the virtual account and renew the authorization.",
            "tag",
            e.tag,
            "graceEnds",
            e.graceEnds.get());
      }
    }
  }

  private static EnforcementMode mode(
      AgentState s, EntitlementState e, EntitlementDefinition d, Instant now) {
    if (!s.enabled) {
      return EnforcementMode.DISABLED;
    }
    if (d.base()) {
      return EnforcementMode.AUTHORIZED;
    }
    if (!e.requested) {
      return EnforcementMode.INITIALIZED;
    }
    if (s.installed.isPresent() && isReservationInstalled(s)) {
      return ReservationRules.mode(s.installed.get(), e, now);
    }
    if (s.isRegisteredAndAuthorized()) {
      if (authorizationExpired(s, now)) {
        return EnforcementMode.AUTHORIZATION_EXPIRED;
      }
      return e.verdict.map(v -> verdictMode(v, e, now)).orElse(EnforcementMode.WAITING);
    }
    return Durations.positive(s.evalRemaining)
        ? EnforcementMode.EVALUATION
        : EnforcementMode.EVALUATION_EXPIRED;
  }

  private static EnforcementMode verdictMode(Verdict.Kind v, EntitlementState e, Instant now) {
    return switch (v) {
      case AUTHORIZED -> EnforcementMode.AUTHORIZED;
      case OVERAGE -> EnforcementMode.OVERAGE;
      case INVALID_TAG -> EnforcementMode.INVALID_TAG;
      case OUT_OF_COMPLIANCE ->
          e.graceEnds.map(end -> !now.isBefore(end)).orElse(false)
              ? EnforcementMode.GRACE_PERIOD_EXPIRED
              : EnforcementMode.OUT_OF_COMPLIANCE;
    };
  }

  private static AuthorizationState authorization(AgentState s, Instant now, ProductPolicy p) {
    if (!s.enabled) {
      return AuthorizationState.NONE;
    }
    if (isReservationInstalled(s)) {
      return AuthorizationState.AUTHORIZED_RESERVED;
    }
    boolean inUse = nonBaseInUse(s, p);
    if (s.isRegisteredAndAuthorized()) {
      if (authorizationExpired(s, now)) {
        return AuthorizationState.AUTHORIZATION_EXPIRED;
      }
      if (!inUse) {
        return AuthorizationState.NONE;
      }
      boolean ooc =
          s.entitlements.values().stream()
              .anyMatch(
                  e ->
                      e.mode == EnforcementMode.OUT_OF_COMPLIANCE
                          || e.mode == EnforcementMode.GRACE_PERIOD_EXPIRED
                          // a tag the server does not know is not authorized either
                          || e.mode == EnforcementMode.INVALID_TAG);
      return ooc ? AuthorizationState.OUT_OF_COMPLIANCE : AuthorizationState.AUTHORIZED;
    }
    if (!inUse) {
      return AuthorizationState.NONE;
    }
    return Durations.positive(s.evalRemaining)
        ? AuthorizationState.EVALUATION
        : AuthorizationState.EVALUATION_EXPIRED;
  }

  private static void announceEntitlement(EntitlementState e, EntitlementDefinition d, Events ev) {
    switch (e.mode) {
      case EVALUATION_EXPIRED, GRACE_PERIOD_EXPIRED, AUTHORIZATION_EXPIRED -> {
        if (e.mode == EnforcementMode.GRACE_PERIOD_EXPIRED) {
          ev.add(
              EventCode.OOC_GRACE_EXPIRED,
              e.tag.name()
                  + ": the out-of-compliance grace period has ended. Add licenses to the virtual"
                  + " account and renew the authorization.",
              "tag",
              e.tag);
        }
        if (!e.featureExpiredNotified) {
          e.featureExpiredNotified = true;
          ev.add(
              EventCode.FEATURE_EXPIRED,
              e.tag.name()
                  + " is no longer licensed ("
                  + e.mode.displayName()
                  + ")"
                  + (allowed(d, e.mode) ? "; it stays usable (report-only)" : "; it is now denied"),
              "tag",
              e.tag,
              "mode",
              e.mode);
        }
      }
      case INVALID_TAG ->
          ev.add(
              EventCode.INVALID_TAG,
              "The license server does not know the entitlement " + e.tag + "; check the tag",
              "tag",
              e.tag);
      case AUTHORIZED, RESERVED_AUTHORIZED, OVERAGE -> e.featureExpiredNotified = false;
      case NOT_AUTHORIZED ->
          ev.add(
              e.reason.startsWith(ReservationRules.EXPIRED)
                  ? EventCode.RESERVED_LICENSE_EXPIRED
                  : EventCode.NOT_AUTHORIZED,
              e.tag.name() + ": " + e.reason,
              "tag",
              e.tag);
      default -> {}
    }
  }

  private static void announceAuthorization(
      AuthorizationState from, AuthorizationState to, AgentState s, Events ev) {
    switch (to) {
      case OUT_OF_COMPLIANCE ->
          ev.add(
              EventCode.OUT_OF_COMPLIANCE,
              "Out of compliance: the virtual account has too few licenses for what this product"
                  + " uses. Add licenses; each license has a grace period.");
      case AUTHORIZED -> {
        if (from == AuthorizationState.OUT_OF_COMPLIANCE) {
          ev.add(EventCode.IN_COMPLIANCE, "Back in compliance: every license in use is authorized");
        }
      }
      case AUTHORIZATION_EXPIRED ->
          ev.add(
              EventCode.AUTH_EXPIRED,
              "The authorization expired: no successful contact with the license server since "
                  + s.lastAuthorization.map(Instant::toString).orElse("registration")
                  + ". Check the transport settings and network; the agent keeps retrying.");
      default -> {}
    }
  }
}
