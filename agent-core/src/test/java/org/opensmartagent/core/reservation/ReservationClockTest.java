package org.opensmartagent.core.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.START;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.Fixtures;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.ScriptedTransport;

/**
 * A device clock before the reservation signing certificate's start (found by the field
 * simulation): the agent still starts; installing a code says to check the device clock.
 */
@Timeout(30)
class ReservationClockTest {
  private final ReservationAuthority authority = new ReservationAuthority(START);

  @Test
  void aClockBeforeTheSigningCertificateStartsAndRefusesInstallUntilCorrected() throws Exception {
    VirtualTime time = new VirtualTime(START.minus(Duration.ofDays(30)));
    try (SmartAgent agent =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(Fixtures.UDI)
            .transport(new ScriptedTransport(time.clock()))
            .pinnedRoot(authority.pinnedRoot())
            .reservationSigningChain(authority.signingChain())
            .store(new InMemoryTrustedStore())
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .build()) {
      agent.enable();
      agent.request(DLP);
      agent.enableReservation();
      RequestCode request = agent.requestCode(ReservationType.UNIVERSAL);
      String code = authority.authorize(request, START, List.of()).text();
      assertThatThrownBy(() -> agent.installAuthorizationCode(code))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not valid yet")
          .hasMessageContaining("Check the device clock");
      assertThat(agent.status().registration().state())
          .isEqualTo(RegistrationState.RESERVATION_IN_PROGRESS);
      time.setClock(START.plus(Duration.ofHours(1)));
      agent.installAuthorizationCode(code);
      assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_PLR);
    }
  }
}
