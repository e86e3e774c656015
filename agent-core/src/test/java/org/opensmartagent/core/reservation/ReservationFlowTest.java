package org.opensmartagent.core.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.START;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.Fixtures;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.ScriptedTransport;

/** Offline reservation on the agent: SLR and PLR round trips and every refusal. */
class ReservationFlowTest {
  private final VirtualTime time = new VirtualTime(START);
  private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  private final ReservationAuthority authority = new ReservationAuthority(START);
  private SmartAgent agent;

  @BeforeEach
  void start() throws Exception {
    agent = build(new InMemoryTrustedStore());
    agent.enable();
    agent.request(MALWARE);
    agent.request(DLP);
  }

  private SmartAgent build(TrustedStore store) throws Exception {
    return SmartAgent.builder()
        .policy(Fixtures.defaultPolicy())
        .udi(Fixtures.UDI)
        .transport(new ScriptedTransport(time.clock()))
        .pinnedRoot(authority.pinnedRoot())
        .reservationSigningChain(authority.signingChain())
        .store(store)
        .scheduler(time)
        .clock(time.clock())
        .ticker(time.ticker())
        .listener(events::add)
        .build();
  }

  private RequestCode request(ReservationType type) {
    agent.enableReservation();
    return agent.requestCode(type);
  }

  @Test
  void specificReservationCoversOnlyWhatItReserves() {
    RequestCode code = request(ReservationType.SPECIFIC);
    assertThat(agent.requestCode(ReservationType.SPECIFIC)).as("asked again").isEqualTo(code);
    assertThat(agent.status().registration().state())
        .isEqualTo(RegistrationState.RESERVATION_IN_PROGRESS);
    agent.installAuthorizationCode(
        authority
            .authorize(
                code, START, List.of(ReservedEntitlement.of(MALWARE, 1, LicenseTerm.perpetual())))
            .text());
    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_SLR);
    assertThat(agent.status().authorization().state())
        .isEqualTo(AuthorizationState.AUTHORIZED_RESERVED);
    assertThat(mode(MALWARE)).isEqualTo(EnforcementMode.RESERVED_AUTHORIZED);
    assertThat(mode(DLP)).isEqualTo(EnforcementMode.NOT_AUTHORIZED);
    assertThat(agent.status().entitlement(DLP).orElseThrow().reason())
        .isEqualTo("License not present in SLR auth code");
    agent.request(
        new org.opensmartagent.core.EntitlementRequest(
            MALWARE, 3, org.opensmartagent.core.CountUnit.DEVICES));
    assertThat(mode(MALWARE)).isEqualTo(EnforcementMode.NOT_AUTHORIZED);
    assertThat(agent.isAllowed(MALWARE)).isFalse();
    assertThat(events)
        .anyMatch(
            e ->
                e.code() == EventCode.RESERVED_INSTALLED
                    && e.message().equals("Reservation install file successful"));
  }

  @Test
  void permanentReservationCoversEverythingAndStopsTheEvaluation() {
    RequestCode code = request(ReservationType.UNIVERSAL);
    assertThat(code.text()).startsWith("CU-");
    agent.installAuthorizationCode(authority.authorize(code, START, List.of()).text());
    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_PLR);
    assertThat(mode(DLP)).isEqualTo(EnforcementMode.RESERVED_AUTHORIZED);
    time.advance(Duration.ofDays(400));
    assertThat(agent.status().evaluation().remaining()).isEqualTo(Duration.ofDays(90));
    assertThatThrownBy(
            () ->
                agent.reauthorize(
                    authority.authorize(code, START.plusSeconds(1), List.of()).text()))
        .hasMessageContaining("not supported in permanent reservation mode");
  }

  @Test
  void reauthorizeGivesAConfirmationCodeAndRefusesReplay() {
    RequestCode code = request(ReservationType.SPECIFIC);
    AuthorizationCode first =
        authority.authorize(
            code, START, List.of(ReservedEntitlement.of(MALWARE, 1, LicenseTerm.perpetual())));
    agent.installAuthorizationCode(first.text());
    AuthorizationCode second =
        authority.authorize(
            code,
            START.plusSeconds(60),
            List.of(
                ReservedEntitlement.of(MALWARE, 1, LicenseTerm.perpetual()),
                ReservedEntitlement.of(DLP, 1, LicenseTerm.perpetual())));
    String confirmation = agent.reauthorize(second.text());
    assertThat(confirmation).matches("[0-9a-f]{8}").isEqualTo(ConfirmationCode.of(second));
    assertThat(agent.status().reservation().lastConfirmationCode()).contains(confirmation);
    assertThat(mode(DLP)).isEqualTo(EnforcementMode.RESERVED_AUTHORIZED);
    assertThatThrownBy(() -> agent.reauthorize(first.text()))
        .hasMessageContaining("older code cannot be installed again");
    assertThatThrownBy(() -> agent.reauthorize(second.text())).hasMessageContaining("not newer");
  }

  @Test
  void returnGivesAVerifiableCodeAndTheDeviceGoesBackToEvaluation() {
    time.advance(Duration.ofDays(10));
    RequestCode code = request(ReservationType.SPECIFIC);
    AuthorizationCode installed =
        authority.authorize(
            code, START, List.of(ReservedEntitlement.of(MALWARE, 1, LicenseTerm.perpetual())));
    agent.installAuthorizationCode(installed.text());
    ReturnCode r = agent.returnReservation();
    assertThat(r.matches(installed)).isTrue();
    assertThat(agent.status().reservation().lastReturnCode()).contains(r.text());
    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.UNREGISTERED);
    assertThat(agent.status().authorization().state()).isEqualTo(AuthorizationState.EVALUATION);
    assertThat(agent.status().evaluation().remaining()).isEqualTo(Duration.ofDays(80));
    assertThat(agent.requestCode(ReservationType.SPECIFIC)).isNotEqualTo(code);
  }

  @Test
  void cancelGivesANewCodeAndAnOldAuthorizationCanNoLongerBeInstalled() {
    RequestCode code = request(ReservationType.SPECIFIC);
    agent.cancelReservation();
    String forOld = authority.authorize(code, START, List.of()).text();
    assertThatThrownBy(() -> agent.installAuthorizationCode(forOld))
        .hasMessageContaining("No reservation in progress");
    RequestCode fresh = agent.requestCode(ReservationType.UNIVERSAL);
    assertThat(fresh).isNotEqualTo(code);
    assertThatThrownBy(() -> agent.installAuthorizationCode(forOld))
        .hasMessageContaining(
            "The Reservation Authorization Code does not match the Reservation Request Code "
                + fresh.text());
    assertThat(agent.status().registration().state())
        .isEqualTo(RegistrationState.RESERVATION_IN_PROGRESS);
  }

  @Test
  void codesForAnotherDeviceOrTamperedCodesAreRefusedAndNothingChanges() throws Exception {
    RequestCode code = request(ReservationType.SPECIFIC);
    var before = agent.status();
    Udi other = Udi.of("ESA-C170", "OTHER123");
    String forOther =
        authority
            .authorize(
                ReservationType.SPECIFIC,
                ReservationAuthority.productInstanceId(code),
                other,
                START,
                List.of())
            .text();
    assertThatThrownBy(() -> agent.installAuthorizationCode(forOther))
        .hasMessageContaining("does not match the Reservation Request Code")
        .hasMessageContaining("P:ESA-C170,S:OTHER123");
    String good =
        authority
            .authorize(
                code, START, List.of(ReservedEntitlement.of(MALWARE, 1, LicenseTerm.perpetual())))
            .text();
    List<String> tampered =
        List.of(
            good.replace("<count>1</count>", "<count>100</count>"),
            good.replace(
                "</entitlements>",
                "<entitlement><tag>ESA_Data_Loss_Prevention</tag><count>1</count><startDate></startDate><endDate></endDate><licenseType>PERPETUAL</licenseType></entitlement></entitlements>"),
            good.replaceAll("<signature>[^<]*</signature>", "<signature></signature>"),
            good.replaceAll("<signature>([^<]{20})[^<]*</signature>", "<signature>$1</signature>"));
    for (String t : tampered) {
      assertThatThrownBy(() -> agent.installAuthorizationCode(t))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(agent.status().registration()).isEqualTo(before.registration());
    assertThat(agent.status().entitlements()).isEqualTo(before.entitlements());
    assertThat(events.stream().filter(e -> e.code() == EventCode.RESERVATION_INSTALL_FAILED))
        .hasSize(5);
    agent.installAuthorizationCode(good);
    assertThat(mode(MALWARE)).isEqualTo(EnforcementMode.RESERVED_AUTHORIZED);
  }

  @Test
  void operationsInTheWrongStateAreRefused() {
    assertThatThrownBy(() -> agent.requestCode(ReservationType.SPECIFIC))
        .hasMessageContaining("not enabled");
    assertThatThrownBy(agent::returnReservation).hasMessageContaining("No authorization installed");
    assertThatThrownBy(agent::cancelReservation).hasMessageContaining("No reservation in progress");
    assertThatThrownBy(() -> agent.installAuthorizationCode("<specificPLR/>"))
        .isInstanceOf(IllegalArgumentException.class);
    agent.register("TOKEN1");
    assertThatThrownBy(agent::enableReservation).hasMessageContaining("Already registered");
  }

  @Test
  void aPendingRequestRemindsEvery24Hours() {
    request(ReservationType.SPECIFIC);
    time.advance(Duration.ofHours(24 * 3 + 1));
    assertThat(events.stream().filter(e -> e.code() == EventCode.RESERVATION_REQUEST_PENDING))
        .hasSize(4);
  }

  @Test
  void aTermReservationWarnsThenExpires() {
    RequestCode code = request(ReservationType.SPECIFIC);
    Instant end = START.plus(Duration.ofDays(40));
    agent.installAuthorizationCode(
        authority
            .authorize(
                code,
                START,
                List.of(ReservedEntitlement.of(MALWARE, 1, LicenseTerm.term(START, end))))
            .text());
    time.advance(Duration.ofDays(41));
    assertThat(events.stream().filter(e -> e.code() == EventCode.RESERVED_LICENSE_EXPIRY_WARNING))
        .extracting(AgentEvent::time)
        .containsExactly(
            end.minus(Duration.ofDays(30)),
            end.minus(Duration.ofDays(15)),
            end.minus(Duration.ofDays(5)),
            end.minus(Duration.ofDays(1)));
    assertThat(mode(MALWARE)).isEqualTo(EnforcementMode.NOT_AUTHORIZED);
    assertThat(events)
        .anyMatch(e -> e.code() == EventCode.RESERVED_LICENSE_EXPIRED && e.time().equals(end));
  }

  @Test
  void anInstalledReservationSurvivesARestartAndIsVerifiedAgain(@TempDir Path dir)
      throws Exception {
    agent.close();
    DeviceSecret secret = DeviceSecret.of(new byte[32]);
    agent = build(FileTrustedStore.open(dir, secret));
    agent.enable();
    RequestCode code = request(ReservationType.UNIVERSAL);
    agent.installAuthorizationCode(authority.authorize(code, START, List.of()).text());
    agent.close();
    agent = build(FileTrustedStore.open(dir, secret));
    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_PLR);
    agent.close();
    ReservationAuthority stranger = new ReservationAuthority(START);
    agent =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(Fixtures.UDI)
            .transport(new ScriptedTransport(time.clock()))
            .pinnedRoot(stranger.pinnedRoot())
            .reservationSigningChain(stranger.signingChain())
            .store(FileTrustedStore.open(dir, secret))
            .scheduler(time)
            .clock(time.clock())
            .listener(events::add)
            .build();
    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.UNREGISTERED);
    assertThat(events)
        .anyMatch(
            e -> e.code() == EventCode.STORE_CORRUPTED && e.message().contains("reservation"));
  }

  @Test
  void inspectShowsAWouldBeInstallWithoutInstalling() {
    RequestCode code = request(ReservationType.SPECIFIC);
    String text =
        authority
            .authorize(
                code, START, List.of(ReservedEntitlement.of(MALWARE, 2, LicenseTerm.perpetual())))
            .text();
    CodeInspection i = agent.inspectAuthorizationCode(text);
    assertThat(i.signatureTrusted()).isTrue();
    assertThat(i.forThisDevice()).isTrue();
    assertThat(i.answersPendingRequest()).isTrue();
    assertThat(i.code().entitlement(MALWARE).orElseThrow().count()).isEqualTo(2);
    assertThat(agent.status().registration().state())
        .isEqualTo(RegistrationState.RESERVATION_IN_PROGRESS);
    CodeInspection forged =
        agent.inspectAuthorizationCode(text.replace("<count>2</count>", "<count>5</count>"));
    assertThat(forged.signatureTrusted()).isFalse();
    assertThat(forged.untrustedReason().orElseThrow()).contains("altered");
  }

  @Test
  void disablingCancelsAPendingRequestButKeepsAnInstalledReservation() {
    request(ReservationType.SPECIFIC);
    agent.disableReservation();
    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.UNREGISTERED);
    assertThat(agent.status().reservation().requestCode()).isEmpty();
    RequestCode code = request(ReservationType.UNIVERSAL);
    agent.installAuthorizationCode(authority.authorize(code, START, List.of()).text());
    agent.disableReservation();
    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_PLR);
    assertThat(agent.status().reservation().enabled()).isFalse();
    assertThat(mode(DLP))
        .as("the installed reservation still covers it")
        .isEqualTo(EnforcementMode.RESERVED_AUTHORIZED);
  }

  private EnforcementMode mode(org.opensmartagent.core.EntitlementTag tag) {
    return agent.status().entitlement(tag).orElseThrow().mode();
  }
}
