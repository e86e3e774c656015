package org.opensmartagent.cli.render;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opensmartagent.cli.config.ProductCatalog;
import org.opensmartagent.cli.config.TransportConfig;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.Udi;
import org.opensmartagent.transport.TransportKind;

/**
 * The email gateway in the six states the golden screens show, as the agent reports them: fixed
 * times, the built-in product definition, no I/O.
 */
final class ScreenStates {
  static final Instant NOW = Instant.parse("2026-03-13T08:09:24Z");
  static final String HOST = "esa1.example.com";
  private static final Instant REGISTERED_AT = Instant.parse("2026-03-03T07:21:05Z");
  private static final Instant AUTHORIZED_AT = Instant.parse("2026-03-12T07:21:40Z");
  private static final Instant CODE_ISSUED = Instant.parse("2026-03-10T15:02:11Z");
  private static final ProductPolicy PRODUCT = ProductCatalog.emailGateway();
  private static final String MALWARE = "ESA_Anti_Malware";
  private static final String OUTBREAK = "ESA_Outbreak_Filters";
  private static final String DLP = "ESA_Data_Loss_Prevention";

  private ScreenStates() {}

  /** The transports the screens are rendered with. */
  static TransportView transport(TransportKind kind) {
    return TransportView.of(TransportConfig.defaults().withKind(kind, Optional.empty()));
  }

  static AgentStatus unregisteredEvaluation() {
    return status(
        unregistered(RegistrationState.UNREGISTERED),
        authorization(AuthorizationState.EVALUATION, Optional.empty(), 0),
        evaluation(Duration.ofDays(87).plusHours(1).plusMinutes(41), true),
        Map.of(MALWARE, EnforcementMode.EVALUATION, OUTBREAK, EnforcementMode.EVALUATION),
        noReservation());
  }

  static AgentStatus registeredAuthorized() {
    return status(
        registered(),
        authorization(AuthorizationState.AUTHORIZED, Optional.of(AUTHORIZED_AT), 0),
        evaluation(Duration.ofDays(80).plusHours(4).plusMinutes(54).plusSeconds(42), false),
        Map.of(MALWARE, EnforcementMode.AUTHORIZED, OUTBREAK, EnforcementMode.AUTHORIZED),
        noReservation());
  }

  static AgentStatus outOfCompliance() {
    return status(
        registered(),
        authorization(AuthorizationState.OUT_OF_COMPLIANCE, Optional.of(AUTHORIZED_AT), 0),
        evaluation(Duration.ofDays(80).plusHours(4).plusMinutes(54).plusSeconds(42), false),
        Map.of(MALWARE, EnforcementMode.AUTHORIZED, OUTBREAK, EnforcementMode.OUT_OF_COMPLIANCE),
        noReservation());
  }

  static AgentStatus evaluationExpired() {
    return status(
        unregistered(RegistrationState.UNREGISTERED),
        authorization(AuthorizationState.EVALUATION_EXPIRED, Optional.empty(), 0),
        evaluation(Duration.ZERO, false),
        Map.of(
            MALWARE, EnforcementMode.EVALUATION_EXPIRED,
            OUTBREAK, EnforcementMode.EVALUATION_EXPIRED),
        noReservation());
  }

  static AgentStatus slrReserved() {
    return status(
        unregistered(RegistrationState.REGISTERED_SLR),
        authorization(AuthorizationState.AUTHORIZED_RESERVED, Optional.empty(), 0),
        evaluation(Duration.ofDays(90), false),
        Map.of(MALWARE, EnforcementMode.RESERVED_AUTHORIZED, DLP, EnforcementMode.NOT_AUTHORIZED),
        new AgentStatus.Reservation(
            true,
            Optional.empty(),
            Optional.empty(),
            Optional.of("5c1e09ab"),
            Optional.of("SPECIFIC"),
            Optional.of(CODE_ISSUED)));
  }

  static AgentStatus plrReserved() {
    return status(
        unregistered(RegistrationState.REGISTERED_PLR),
        authorization(AuthorizationState.AUTHORIZED_RESERVED, Optional.empty(), 0),
        evaluation(Duration.ofDays(90), false),
        Map.of(
            MALWARE, EnforcementMode.RESERVED_AUTHORIZED, DLP, EnforcementMode.RESERVED_AUTHORIZED),
        new AgentStatus.Reservation(
            true,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("UNIVERSAL"),
            Optional.of(CODE_ISSUED)));
  }

  private static AgentStatus.Registration unregistered(RegistrationState state) {
    return new AgentStatus.Registration(
        state,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static AgentStatus.Registration registered() {
    return new AgentStatus.Registration(
        RegistrationState.REGISTERED,
        Optional.of("6ca07f56-145c-4ace-bdc2-40417fd49d47"),
        Optional.of("Example Corp"),
        Optional.of("Mail"),
        true,
        Optional.of(REGISTERED_AT),
        Optional.empty(),
        Optional.of(REGISTERED_AT.plus(Duration.ofDays(180))),
        Optional.of(REGISTERED_AT.plus(Duration.ofDays(365)).minus(Duration.ofMinutes(5))),
        Optional.empty());
  }

  private static AgentStatus.Authorization authorization(
      AuthorizationState state, Optional<Instant> authorized, int failures) {
    return new AgentStatus.Authorization(
        state,
        authorized,
        authorized.map(t -> t.plus(Duration.ofDays(30))),
        authorized.map(t -> t.plus(Duration.ofDays(90))),
        authorized,
        failures,
        Optional.empty());
  }

  private static AgentStatus.Evaluation evaluation(Duration remaining, boolean counting) {
    return new AgentStatus.Evaluation(
        true, remaining, counting, counting ? Optional.of(NOW.plus(remaining)) : Optional.empty());
  }

  private static AgentStatus.Reservation noReservation() {
    return new AgentStatus.Reservation(
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static AgentStatus status(
      AgentStatus.Registration registration,
      AgentStatus.Authorization authorization,
      AgentStatus.Evaluation evaluation,
      Map<String, EnforcementMode> requested,
      AgentStatus.Reservation reservation) {
    List<AgentStatus.Entitlement> entitlements = new ArrayList<>();
    for (EntitlementDefinition d : PRODUCT.entitlements()) {
      EnforcementMode mode =
          d.base()
              ? EnforcementMode.AUTHORIZED
              : requested.getOrDefault(d.tag().value(), EnforcementMode.INITIALIZED);
      boolean inUse = d.base() || mode != EnforcementMode.INITIALIZED;
      entitlements.add(
          new AgentStatus.Entitlement(
              d.tag(),
              d.displayName(),
              d.description(),
              d.version(),
              inUse ? 1 : 0,
              d.unit(),
              d.base(),
              mode,
              mode != EnforcementMode.EVALUATION_EXPIRED
                  && mode != EnforcementMode.NOT_AUTHORIZED
                  && mode != EnforcementMode.INITIALIZED,
              mode == EnforcementMode.OUT_OF_COMPLIANCE
                  ? Optional.of(AUTHORIZED_AT.plus(Duration.ofDays(30)))
                  : Optional.empty(),
              mode == EnforcementMode.NOT_AUTHORIZED
                  ? "License not present in SLR auth code"
                  : ""));
    }
    return new AgentStatus(
        NOW,
        true,
        PRODUCT.productName(),
        List.of(Udi.of("ESA-C170", "FCH2041V0AB")),
        "1.0.0",
        registration,
        authorization,
        evaluation,
        false,
        false,
        "Smart Transport https://smartreceiver.cisco.com/licservice/license",
        entitlements,
        reservation,
        List.of(AgentStatus.Operation.STATUS, AgentStatus.Operation.SUMMARY));
  }
}
