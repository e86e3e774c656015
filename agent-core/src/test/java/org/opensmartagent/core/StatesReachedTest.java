package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.OUTBREAK;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.ScriptedTransport.Op;
import org.opensmartagent.core.transport.TransportException;

/**
 * Drives the engine through scenarios and checks that every state of every axis was entered, so a
 * new state cannot go untested. The reservation states are entered by the reservation flows
 * (SLR/PLR), which the table tests cover until those flows exist.
 */
class StatesReachedTest {
  private static final Set<RegistrationState> RESERVATION_REGISTRATION =
      EnumSet.of(
          RegistrationState.RESERVATION_IN_PROGRESS,
          RegistrationState.REGISTERED_SLR,
          RegistrationState.REGISTERED_PLR);

  @Test
  void scenariosEnterEveryNonReservationState() throws Exception {
    Set<RegistrationState> registration = EnumSet.noneOf(RegistrationState.class);
    Set<AuthorizationState> authorization = EnumSet.noneOf(AuthorizationState.class);
    Set<EnforcementMode> modes = EnumSet.noneOf(EnforcementMode.class);
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.request(MALWARE);
      f.advanceDays(91); // evaluation expires
      f.server.failNext(Op.REGISTER, new TransportException(TransportException.Kind.TIMEOUT, "t"));
      f.agent.register("TOKEN1"); // retry
      f.server.rejectNext(Op.REGISTER, RejectReason.TOKEN_EXPIRED, "expired");
      f.agent.register("TOKEN1"); // failed
      f.server.setOutOfCompliance(DLP, true);
      f.server.setUnknown(OUTBREAK);
      f.server.setOverage(Fixtures.MALWARE);
      f.agent.request(DLP);
      f.agent.request(OUTBREAK);
      f.agent.register("TOKEN1");
      f.agent.release(OUTBREAK);
      f.agent.request(OUTBREAK); // waiting
      f.advanceDays(31); // grace of DLP expires
      f.server.setOutOfCompliance(DLP, false);
      f.agent.renewAuthorization(); // authorized
      f.server.setDown(true);
      f.advanceDays(400); // authorization expires, then the registration
      f.agent.release(MALWARE);
      f.agent.release(DLP);
      f.agent.release(OUTBREAK); // nothing in use
      f.events.forEach(
          e -> {
            switch (e.code()) {
              case REGISTRATION_STATE_CHANGED ->
                  registration.add(RegistrationState.valueOf(e.details().get("to")));
              case AUTHORIZATION_STATE_CHANGED ->
                  authorization.add(AuthorizationState.valueOf(e.details().get("to")));
              case ENTITLEMENT_ENFORCE_MODE_CHANGED ->
                  modes.add(EnforcementMode.valueOf(e.details().get("to")));
              default -> {}
            }
          });
      registration.add(RegistrationState.UNREGISTERED); // the initial state
      authorization.add(AuthorizationState.NONE);
      modes.add(EnforcementMode.DISABLED);
    }
    assertThat(registration)
        .containsAll(EnumSet.complementOf(EnumSet.copyOf(RESERVATION_REGISTRATION)));
    assertThat(authorization)
        .containsAll(EnumSet.complementOf(EnumSet.of(AuthorizationState.AUTHORIZED_RESERVED)));
    assertThat(modes)
        .containsAll(
            EnumSet.complementOf(
                EnumSet.of(EnforcementMode.RESERVED_AUTHORIZED, EnforcementMode.NOT_AUTHORIZED)));
  }
}
