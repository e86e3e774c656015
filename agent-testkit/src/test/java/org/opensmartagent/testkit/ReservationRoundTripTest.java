package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.testkit.ReservationFixture.DLP;
import static org.opensmartagent.testkit.ReservationFixture.MALWARE;
import static org.opensmartagent.testkit.ReservationFixture.mode;
import static org.opensmartagent.testkit.ReservationFixture.requestCode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReturnCode;

/** The real agent and the mock license server exchange reservation codes by hand (SLR and PLR). */
class ReservationRoundTripTest {
  private ReservationFixture r;

  @BeforeEach
  void start() throws Exception {
    r = new ReservationFixture();
    r.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 2));
    r.admin().addLicenses("lab", LicenseGrant.perpetual(DLP, 1));
  }

  @AfterEach
  void stop() {
    r.close();
  }

  @Test
  void aSpecificReservationAuthorizesOnlyWhatWasReservedAndCountsAsInUse() throws Exception {
    SmartAgent agent = r.agent("FCH0001");
    agent.request(MALWARE);
    agent.request(DLP);
    RequestCode request = requestCode(agent, ReservationType.SPECIFIC);

    String code =
        r.admin()
            .reserve(
                "lab",
                request.text(),
                ReservationType.SPECIFIC,
                List.of(new ReservationLine(MALWARE, 2)));
    agent.installAuthorizationCode(code);

    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_SLR);
    assertThat(mode(agent, MALWARE)).isEqualTo(EnforcementMode.RESERVED_AUTHORIZED);
    assertThat(mode(agent, DLP)).isEqualTo(EnforcementMode.NOT_AUTHORIZED);
    assertThat(r.admin().reservations())
        .singleElement()
        .satisfies(
            info -> {
              assertThat(info.productInstanceId())
                  .as("assigned by the server and carried by the code")
                  .isEqualTo(AuthorizationCode.parse(code).productInstanceId())
                  .matches("[0-9a-f-]{36}");
              assertThat(info.udi()).isEqualTo("P:ESA-C170,S:FCH0001");
              assertThat(info.type()).isEqualTo(ReservationType.SPECIFIC);
              assertThat(info.reserved()).isEqualTo(Map.of(MALWARE, 2L));
              assertThat(info.status()).isEqualTo(ReservationInfo.Status.RESERVED);
            });
    assertThat(r.admin().usage("lab"))
        .contains(new TagUsage(MALWARE, 2, 2, false), new TagUsage(DLP, 0, 1, false));
  }

  @Test
  void aSpecificReservationCarriesThePoolsTermEndingFirst() throws Exception {
    Instant start = Fixture.START.minus(Duration.ofDays(10));
    Instant soon = Fixture.START.plus(Duration.ofDays(30));
    Instant later = Fixture.START.plus(Duration.ofDays(300));
    r.admin().addLicenses("lab", LicenseGrant.term(MALWARE, 1, start, later));
    r.admin().addLicenses("lab", LicenseGrant.term(MALWARE, 1, start, soon));
    SmartAgent agent = r.agent("FCH0001");
    agent.request(MALWARE);
    RequestCode request = requestCode(agent, ReservationType.SPECIFIC);

    String code = reserve(request, new ReservationLine(MALWARE, 3), new ReservationLine(DLP, 1));

    AuthorizationCode parsed = AuthorizationCode.parse(code);
    assertThat(parsed.entitlement(MALWARE).orElseThrow().term())
        .isEqualTo(LicenseTerm.term(start, soon));
    assertThat(parsed.entitlement(DLP).orElseThrow().term()).isEqualTo(LicenseTerm.perpetual());
    agent.installAuthorizationCode(code);
    assertThat(mode(agent, MALWARE)).isEqualTo(EnforcementMode.RESERVED_AUTHORIZED);
  }

  @Test
  void aUniversalReservationAuthorizesEverythingAndReservesNothingCountable() throws Exception {
    SmartAgent agent = r.agent("FCH0001");
    agent.request(DLP);
    RequestCode request = requestCode(agent, ReservationType.UNIVERSAL);

    agent.installAuthorizationCode(
        r.admin().reserve("lab", request.text(), ReservationType.UNIVERSAL, List.of()));

    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_PLR);
    assertThat(mode(agent, DLP)).isEqualTo(EnforcementMode.RESERVED_AUTHORIZED);
    assertThat(r.admin().reservations())
        .singleElement()
        .satisfies(
            info -> {
              assertThat(info.type()).isEqualTo(ReservationType.UNIVERSAL);
              assertThat(info.reserved()).isEmpty();
            });
    assertThat(r.admin().usage("lab")).allSatisfy(u -> assertThat(u.inUse()).isZero());
    assertThatThrownBy(
            () -> r.admin().reserve("lab", request.text(), ReservationType.UNIVERSAL, List.of()))
        .isInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("UNIVERSAL reservation cannot be updated");
  }

  @Test
  void anUpdateIsInstalledWithReauthorizeAndOnlyItsConfirmationCodeIsAccepted() throws Exception {
    SmartAgent agent = r.agent("FCH0001");
    agent.request(MALWARE);
    agent.request(DLP);
    RequestCode request = requestCode(agent, ReservationType.SPECIFIC);
    String first = reserve(request, new ReservationLine(MALWARE, 2));
    agent.installAuthorizationCode(first);

    String update = reserve(request, new ReservationLine(MALWARE, 1), new ReservationLine(DLP, 1));

    assertThat(AuthorizationCode.parse(update).timestamp())
        .as("later even though the clock did not move")
        .isAfter(AuthorizationCode.parse(first).timestamp());
    assertThat(r.admin().reservations().get(0).status())
        .isEqualTo(ReservationInfo.Status.AWAITING_CONFIRMATION);
    assertThat(r.admin().usage("lab")).contains(new TagUsage(MALWARE, 1, 2, false));
    String confirmation = agent.reauthorize(update);
    assertThat(mode(agent, DLP)).isEqualTo(EnforcementMode.RESERVED_AUTHORIZED);

    String wrong = confirmation.equals("00000000") ? "11111111" : "00000000";
    assertThatThrownBy(() -> r.admin().confirm(request.text(), wrong))
        .isInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("does not match the authorization code issued at")
        .hasMessageContaining("reauthorize");
    assertThatThrownBy(() -> r.admin().confirm(request.text(), "not-hex"))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("8 hexadecimal characters");
    r.admin().confirm(request.text(), confirmation);
    assertThat(r.admin().reservations().get(0).status()).isEqualTo(ReservationInfo.Status.RESERVED);
    String piid = r.admin().reservations().get(0).productInstanceId();
    assertThatThrownBy(() -> r.admin().confirm(piid, confirmation))
        .isInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("waits for confirmation");
  }

  @Test
  void anUpdateCannotTakeMoreThanThePoolHasLeft() throws Exception {
    SmartAgent agent = r.agent("FCH0001");
    RequestCode request = requestCode(agent, ReservationType.SPECIFIC);
    agent.installAuthorizationCode(reserve(request, new ReservationLine(MALWARE, 1)));

    assertThatThrownBy(() -> reserve(request, new ReservationLine(MALWARE, 3)))
        .isInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("ESA_Anti_Malware")
        .hasMessageContaining("3 requested, 2 available");
    assertThat(r.admin().reservations().get(0).status()).isEqualTo(ReservationInfo.Status.RESERVED);
  }

  @Test
  void aReturnFreesTheLicensesForAnotherDevice() throws Exception {
    SmartAgent first = r.agent("FCH0001");
    SmartAgent second = r.agent("FCH0002");
    RequestCode firstRequest = requestCode(first, ReservationType.SPECIFIC);
    RequestCode secondRequest = requestCode(second, ReservationType.SPECIFIC);
    first.installAuthorizationCode(reserve(firstRequest, new ReservationLine(MALWARE, 2)));

    assertThatThrownBy(() -> reserve(secondRequest, new ReservationLine(MALWARE, 1)))
        .isInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("too few ESA_Anti_Malware licenses: 1 requested, 0 available")
        .hasMessageContaining("return a reservation");

    ReturnCode returned = first.returnReservation();
    r.admin().returnReservation(returned.text());

    assertThat(r.admin().usage("lab")).contains(new TagUsage(MALWARE, 0, 2, false));
    second.installAuthorizationCode(reserve(secondRequest, new ReservationLine(MALWARE, 1)));
    assertThat(second.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_SLR);
    assertThat(r.admin().reservations())
        .extracting(ReservationInfo::status)
        .containsExactly(ReservationInfo.Status.RETURNED, ReservationInfo.Status.RESERVED);
  }

  @Test
  void aReturnCodeIsAcceptedExactlyOnce() throws Exception {
    SmartAgent agent = r.agent("FCH0001");
    RequestCode request = requestCode(agent, ReservationType.SPECIFIC);
    agent.installAuthorizationCode(reserve(request, new ReservationLine(MALWARE, 1)));
    String returned = agent.returnReservation().text();

    r.admin().returnReservation("  " + returned + "\n");

    assertThatThrownBy(() -> r.admin().returnReservation(returned))
        .isInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("already used");
    assertThatThrownBy(() -> reserve(request, new ReservationLine(MALWARE, 1)))
        .isInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("was returned; ask the device for a new request code");
    assertThat(r.admin().usage("lab")).contains(new TagUsage(MALWARE, 0, 2, false));
  }

  @Test
  void unknownAndMalformedReturnCodesAreRefusedClearly() throws Exception {
    SmartAgent agent = r.agent("FCH0001");
    RequestCode request = requestCode(agent, ReservationType.SPECIFIC);
    agent.installAuthorizationCode(reserve(request, new ReservationLine(MALWARE, 1)));
    String returned = agent.returnReservation().text();
    char last = returned.charAt(returned.length() - 1);
    String other = returned.substring(0, returned.length() - 1) + (last == 'z' ? 'y' : 'z');

    assertThatThrownBy(() -> r.admin().returnReservation(other))
        .isInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("matches no reservation on this server");
    assertThatThrownBy(() -> r.admin().returnReservation("abc-def"))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("nine dash-separated groups");
    assertThatThrownBy(() -> r.admin().returnReservation(returned.replace(returned.charAt(0), '0')))
        .isNotInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("not a Base58 character");
    r.admin().returnReservation(returned);
  }

  @Test
  void aDeviceThatNeverInstalledTheUpdateCanStillReturnItsReservation() throws Exception {
    SmartAgent agent = r.agent("FCH0001");
    RequestCode request = requestCode(agent, ReservationType.SPECIFIC);
    agent.installAuthorizationCode(reserve(request, new ReservationLine(MALWARE, 1)));
    reserve(request, new ReservationLine(MALWARE, 2));

    r.admin().returnReservation(agent.returnReservation().text());

    assertThat(r.admin().reservations().get(0).status()).isEqualTo(ReservationInfo.Status.RETURNED);
    assertThat(r.admin().usage("lab")).contains(new TagUsage(MALWARE, 0, 2, false));
  }

  private String reserve(RequestCode request, ReservationLine... lines) {
    return r.admin().reserve("lab", request.text(), ReservationType.SPECIFIC, List.of(lines));
  }
}
