package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.OUTBREAK;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationAuthority;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReservedEntitlement;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.ScriptedTransport.Op;
import org.opensmartagent.core.transport.TransportException;

/**
 * Drives the engine through scenarios and checks that every state of every axis was entered, so a
 * new state cannot go untested. The scenario ends with a reservation, so the reservation states are
 * entered too.
 */
class StatesReachedTest {
  private static final Set<RegistrationState> RESERVATION_REGISTRATION =
      EnumSet.of(
          RegistrationState.RESERVATION_IN_PROGRESS,
          RegistrationState.REGISTERED_SLR,
          RegistrationState.REGISTERED_PLR);

  @Test
  void scenariosEnterEveryState() throws Exception {
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
      f.server.setKnown(OUTBREAK); // an invalid tag in use keeps the product out of compliance
      f.agent.renewAuthorization(); // authorized
      f.server.setDown(true);
      f.advanceDays(400); // authorization expires, then the registration
      f.agent.release(MALWARE);
      f.agent.release(DLP);
      f.agent.release(OUTBREAK); // nothing in use
      reserve(f);
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
    assertThat(registration).containsExactlyInAnyOrder(RegistrationState.values());
    assertThat(authorization).containsExactlyInAnyOrder(AuthorizationState.values());
    assertThat(modes).containsExactlyInAnyOrder(EnforcementMode.values());
  }

  /** SLR covering one of two entitlements, returned; then PLR. */
  private static void reserve(Fixtures f) throws Exception {
    ReservationAuthority authority = new ReservationAuthority(f.time.now());
    f.agent.close();
    f.agent =
        SmartAgent.builder()
            .policy(f.policy)
            .udi(Fixtures.UDI)
            .transport(f.server)
            .pinnedRoot(authority.pinnedRoot())
            .reservationSigningChain(authority.signingChain())
            .store(new InMemoryTrustedStore())
            .scheduler(f.time)
            .clock(f.time.clock())
            .listener(f.events::add)
            .build();
    f.agent.enable();
    f.agent.request(MALWARE);
    f.agent.request(DLP);
    f.agent.enableReservation();
    RequestCode slr = f.agent.requestCode(ReservationType.SPECIFIC);
    f.agent.installAuthorizationCode(
        authority
            .authorize(
                slr,
                f.time.now(),
                List.of(ReservedEntitlement.of(MALWARE, 1, LicenseTerm.perpetual())))
            .text());
    f.agent.returnReservation();
    RequestCode plr = f.agent.requestCode(ReservationType.UNIVERSAL);
    f.agent.installAuthorizationCode(authority.authorize(plr, f.time.now(), List.of()).text());
  }
}
