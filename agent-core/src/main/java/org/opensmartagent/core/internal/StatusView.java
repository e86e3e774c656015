package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.AgentStatus.Operation;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;

/** Builds the {@link AgentStatus} snapshot from one published state and one instant. */
final class StatusView {
  private StatusView() {}

  static AgentStatus of(AgentState s, Instant now, long nanos, AgentEngine engine) {
    EngineConfig c = engine.config;
    ProductPolicy p = c.policy();
    Optional<Registration> reg = s.reg;
    return new AgentStatus(
        now,
        s.enabled,
        p.productName(),
        c.udis(),
        c.agentVersion(),
        new AgentStatus.Registration(
            s.registration,
            reg.map(Registration::productInstanceId),
            reg.map(Registration::smartAccount),
            reg.map(Registration::virtualAccount),
            reg.map(Registration::exportControlled).orElse(false),
            reg.map(Registration::initialRegistration),
            s.lastIdRenewalAttempt.or(() -> reg.map(Registration::lastIdRenewal)),
            Due.idRenewal(s, p, now),
            Rules.registrationExpiry(s, p),
            s.lastRegistrationFailure),
        new AgentStatus.Authorization(
            s.authorization,
            s.lastCommunicationAttempt,
            Wakeups.earliest(Due.authorization(s, p, now), engine.server().pendingRetry()),
            s.authorizedUntil,
            s.lastAuthorization,
            s.authRetry.failures(),
            s.lastAuthorizationFailure),
        evaluation(s, now, nanos, p),
        s.conversionDone,
        !c.classicLicenses().isEmpty(),
        c.transport().description(),
        entitlements(s, p),
        new AgentStatus.Reservation(
            s.reservationEnabled,
            s.pendingRequest.map(r -> r.text()),
            s.lastReturnCode,
            s.lastConfirmationCode,
            s.installed.map(i -> i.type().name()),
            s.installed.map(i -> i.timestamp())),
        List.copyOf(operations(s)));
  }

  private static AgentStatus.Evaluation evaluation(
      AgentState s, Instant now, long nanos, ProductPolicy p) {
    Duration remaining = s.evalRemaining.minus(Rules.evaluationUsed(s, nanos));
    if (remaining.isNegative()) {
      remaining = Duration.ZERO;
    }
    Duration left = remaining;
    return new AgentStatus.Evaluation(
        p.hasEvaluation(),
        remaining,
        s.evalCountingSince.isPresent(),
        s.evalCountingSince.map(since -> now.plus(left)));
  }

  private static List<AgentStatus.Entitlement> entitlements(AgentState s, ProductPolicy p) {
    List<AgentStatus.Entitlement> list = new ArrayList<>();
    for (EntitlementDefinition d : p.entitlements()) {
      EntitlementState e = s.entitlements.get(d.tag());
      list.add(
          new AgentStatus.Entitlement(
              d.tag(),
              d.displayName(),
              d.description(),
              d.version(),
              e.count,
              d.unit(),
              d.base(),
              e.mode,
              Rules.allowed(d, e.mode),
              e.graceEnds,
              e.reason));
    }
    return list;
  }

  static Set<Operation> operations(AgentState s) {
    Set<Operation> ops = EnumSet.of(Operation.STATUS, Operation.SUMMARY);
    if (!s.enabled) {
      ops.add(Operation.ENABLE);
      ops.add(Operation.URL);
      return ops;
    }
    RegistrationState r = s.registration;
    if (s.reservationEnabled) {
      ops.add(Operation.DISABLE_RESERVATION);
    }
    switch (r) {
      case UNREGISTERED, REGISTRATION_FAILED, REGISTRATION_EXPIRED, REGISTRATION_RETRY -> {
        ops.add(Operation.REGISTER);
        ops.add(Operation.URL);
        ops.add(s.reservationEnabled ? Operation.REQUEST_CODE : Operation.ENABLE_RESERVATION);
      }
      case RESERVATION_IN_PROGRESS ->
          ops.addAll(
              EnumSet.of(
                  Operation.REQUEST_CODE,
                  Operation.INSTALL_AUTHORIZATION_CODE,
                  Operation.CANCEL_RESERVATION));
        // Reserved, the product is registered by its code: licenses are requested and released as
        // when registered online (what the reservation does not cover is NOT AUTHORIZED).
      case REGISTERED_SLR ->
          ops.addAll(
              EnumSet.of(
                  Operation.REQUEST_LICENSE,
                  Operation.RELEASE_LICENSE,
                  Operation.REAUTHORIZE,
                  Operation.RETURN_RESERVATION));
      case REGISTERED_PLR ->
          ops.addAll(
              EnumSet.of(
                  Operation.REQUEST_LICENSE,
                  Operation.RELEASE_LICENSE,
                  Operation.RETURN_RESERVATION));
      case REGISTERED ->
          ops.addAll(
              EnumSet.of(
                  // offered as on the device, which refuses it while registered
                  Operation.URL,
                  Operation.REQUEST_LICENSE,
                  Operation.RELEASE_LICENSE,
                  Operation.DEREGISTER,
                  Operation.REREGISTER,
                  Operation.RENEW_AUTH,
                  Operation.RENEW_ID));
      default -> {}
    }
    return ops;
  }
}
