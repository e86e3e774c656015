package org.opensmartagent.core.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.Fixtures.START;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.Fixtures;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.ScriptedTransport;

/**
 * Every real code, UDI and tag we know of goes through the public parsers, so no later change can
 * reject them again. The examples are copied here (CI may not have the reference folder); each
 * group names the file or page it comes from.
 */
@Timeout(10)
class RealExamplesTest {
  // shared/reference/device-agent-facts.md, section 5 (a published C9300 request code).
  private static final String C9300_REQUEST = "CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-86";

  // Cisco's "Smart License Reservation for CUCM 12.5" support page (document 214381): the
  // software request code and the signed authorization code the license server made for it.
  private static final String CUCM_REQUEST = "P:UCM,S:cc920,U:e53fc968-0253-4d61-a355-ba908a6cc920";
  private static final String CUCM_AUTHORIZATION =
      "<specificPLR><authorizationCode><flag>A</flag><version>C</version>"
          + "<piid>6ca07f56-145c-4ace-bdc2-40417fd49d47</piid><timestamp>1552292522579</timestamp>"
          + "<entitlements><entitlement>"
          + "<tag>regid.2017-02.com.cisco.UCM_CUWL,12.0_cc59375a-1cd8-4b36-8366-6f4d2abba965</tag>"
          + "<count>5</count><startDate></startDate><endDate></endDate>"
          + "<licenseType>PERPETUAL</licenseType><displayName>UC Manager CUWL License (12.X)"
          + "</displayName><tagDescription>UC Manager CUWL License (12.X)</tagDescription>"
          + "<subscriptionID></subscriptionID></entitlement><entitlement>"
          + "<tag>regid.2016-07.com.cisco.UCM_EnhancedPlus,12.0_d8372792-588c-4caa-b279-8587e5ce2f82"
          + "</tag><count>5</count><startDate></startDate><endDate></endDate>"
          + "<licenseType>PERPETUAL</licenseType><displayName>UC Manager Enhanced Plus License"
          + " (12.x)</displayName><tagDescription>UC Manager Enhanced Plus License</tagDescription>"
          + "<subscriptionID></subscriptionID></entitlement></entitlements></authorizationCode>"
          + "<signature>MEYCIQChzdzDxXMoQZ7WofeNaOP2DYaEP3bxaxea1o5U027VYgIhAKDBRmIZhoQvmphYR1DJAmx"
          + "aOAjLIcGWcBPF5ERCIxYc</signature>"
          + "<udi>P:UCM,S:cc920,U:e53fc968-0253-4d61-a355-ba908a6cc920</udi></specificPLR>";

  @Test
  void thePublishedHardwareRequestCodeParses() {
    RequestCode code = RequestCode.parse(C9300_REQUEST);
    assertThat(code.udi()).isEqualTo(Udi.of("C9300-24UX", "FCW2134L0RN"));
    assertThat(code.text()).isEqualTo(C9300_REQUEST);
    // any two hex characters are accepted: the real check algorithm is not public
    for (String check : List.of("00", "ff", "A7", "9c")) {
      assertThat(RequestCode.parse(C9300_REQUEST.replace("-86", "-" + check)).udi().pid())
          .isEqualTo("C9300-24UX");
    }
  }

  @Test
  void thePublishedSoftwareRequestCodeParses() {
    RequestCode code = RequestCode.parse(CUCM_REQUEST);
    assertThat(code.udi().pid()).isEqualTo("UCM");
    assertThat(code.udi().serialNumber()).isEqualTo("cc920");
    assertThat(code.udi().uuid()).contains("e53fc968-0253-4d61-a355-ba908a6cc920");
    assertThat(code.text()).isEqualTo(CUCM_REQUEST);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // shared/reference/device-agent-facts.md, section 5
        "17488c1f",
        // shared/reference/slp-facts.md, section 1.9 (Last Confirmation code)
        "1fc54c75"
      })
  void thePublishedConfirmationCodesParse(String code) {
    assertThat(ConfirmationCode.parse(code)).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // shared/reference/screens.md, section 1.1 (show license all, show license udi)
        "PID:CSR1000V,SN:9NZ7O74FICQ",
        "PID:C9350-24U,SN:FOC2705Y8X0",
        // shared/reference/slp-facts.md, sections 1.5 and 1.10
        "PID:C9300-24UX,SN:FCW2303D16Y",
        "P:C8200L-1N-4T,S:FGL2435LHLH",
        // the CUCM page above, with the space it prints in one copy of the code
        "P:UCM,S:cc920,U:e53fc968-0253-4d61-a355-ba908a6cc920",
        "P:UCM, S:cc920,U:e53fc968-0253-4d61-a355-ba908a6cc920"
      })
  void thePublishedUdisParse(String text) {
    Udi udi = Udi.parse(text);
    assertThat(Udi.parse(udi.toString())).isEqualTo(udi);
    assertThat(Udi.parse(udi.toCompactString())).isEqualTo(udi);
  }

  @Test
  void theRunTogetherUdiOfAnOldDocstringIsRefusedWithTheExpectedForm() {
    // shared/reference/screens.md, section 1: a docstring that lost its commas. It is not a UDI a
    // device sends; the parser says what it expects instead of guessing where fields end.
    assertThatThrownBy(() -> Udi.parse("PID:CSR1000VSN:3C08F660A0A4-FCH1752V0MEHOSTID:null"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PID:<product id>,SN:<serial>");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // shared/reference/slp-facts.md sections 1.5, 1.6 and 1.9 print these truncated with "...";
        // the full tags are from the sources it cites (genieparser ShowLicenseUsage, the offline
        // reservation sample's RUM report, the CUBE guide).
        "regid.2017-05.com.cisco.c9300_dna_advantage,1.0_411773c3-2116-4c10-94a4-5d357fe6ff18",
        "regid.2019-10.com.cisco.C8000V,1.0_e361c3dc-27c2-4084-b4a4-cae639cff335",
        "regid.2018-12.com.cisco.DNA_P_50M_A,1.0_100fb8b2-f5cc-459c-9253-ac77b827fd71",
        "regid.2014-05.com.cisco.ax_250M,1.0_b59e576b-91a4-4bf3-9031-5f7543d33912",
        // the CUCM page above
        "regid.2017-02.com.cisco.UCM_CUWL,12.0_cc59375a-1cd8-4b36-8366-6f4d2abba965",
        "regid.2016-07.com.cisco.UCM_EnhancedPlus,12.0_d8372792-588c-4caa-b279-8587e5ce2f82"
      })
  void thePublishedTagsParse(String text) {
    EntitlementTag tag = EntitlementTag.parse(text);
    assertThat(tag.parts()).isPresent();
    assertThat(tag.parts().get().vendor()).isEqualTo("cisco");
    assertThat(tag.value()).isEqualTo(text);
  }

  @Test
  void theTruncatedTagsOfTheReferenceKeepTheirParts() {
    // shared/reference/slp-facts.md, exactly as printed (cut after the version or the UUID's start)
    assertThat(
            EntitlementTag.parse(
                    "regid.2017-05.com.cisco.c9300_dna_advantage,1.0_411773c3-2116-4c10-94a4-5d357fe6ff18")
                .parts()
                .orElseThrow()
                .registered())
        .isEqualTo(YearMonth.of(2017, 5));
    for (String cut :
        List.of(
            "regid.2017-05.com.cisco.c9300_dna_advantage,1.0_411773c3-…",
            "regid.2019-10.com.cisco.C8000V,1.0_e361…",
            "regid.2018-12.com.cisco.DNA_P_50M_A,1.0_…",
            "regid.2014-05.com.cisco.ax_250M,…")) {
      assertThatThrownBy(() -> EntitlementTag.parse(cut))
          .hasMessageContaining("regid.<YYYY-MM>.com.<vendor>.<Name>,<version>_<UUID>");
    }
  }

  @Test
  void theRealSignedAuthorizationCodeParsesWhole() {
    AuthorizationCode code = AuthorizationCode.parse(CUCM_AUTHORIZATION);
    assertThat(code.type()).isEqualTo(ReservationType.SPECIFIC);
    assertThat(code.productInstanceId()).isEqualTo("6ca07f56-145c-4ace-bdc2-40417fd49d47");
    assertThat(code.timestamp()).isEqualTo(Instant.ofEpochMilli(1552292522579L));
    assertThat(code.udi().toCompactString()).isEqualTo(CUCM_REQUEST);
    assertThat(code.entitlements()).hasSize(2);
    assertThat(code.entitlements().get(0).count()).isEqualTo(5);
    assertThat(code.entitlements().get(0).displayName())
        .isEqualTo("UC Manager CUWL License (12.X)");
    assertThat(code.signature()).hasSizeBetween(70, 72);
    assertThat(AuthorizationCode.parse("<smartLicense>" + CUCM_AUTHORIZATION + "</smartLicense>"))
        .isNotNull();
  }

  @Test
  void onTheDeviceItWasMadeForTheRealCodeGetsAsFarAsTheSignatureCheck() throws Exception {
    SmartAgent agent = agent(Udi.parse(CUCM_REQUEST));
    agent.enableReservation();
    assertThat(agent.requestCode(ReservationType.SPECIFIC).text()).isEqualTo(CUCM_REQUEST);
    assertThatThrownBy(() -> agent.installAuthorizationCode(CUCM_AUTHORIZATION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signature is not valid");
    assertThat(agent.status().registration().state())
        .isEqualTo(RegistrationState.RESERVATION_IN_PROGRESS);
  }

  @Test
  void onAnotherDeviceTheRealCodeIsRefusedWithTheDevicesMessage() throws Exception {
    SmartAgent agent = agent(Fixtures.UDI);
    agent.enableReservation();
    agent.requestCode(ReservationType.SPECIFIC);
    assertThatThrownBy(() -> agent.installAuthorizationCode(CUCM_AUTHORIZATION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "The Reservation Authorization Code does not match the Reservation Request Code")
        .hasMessageContaining(CUCM_REQUEST);
  }

  private static SmartAgent agent(Udi udi) throws Exception {
    VirtualTime time = new VirtualTime(START);
    ReservationAuthority authority = new ReservationAuthority(START);
    SmartAgent agent =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(udi)
            .transport(new ScriptedTransport(time.clock()))
            .pinnedRoot(authority.pinnedRoot())
            .reservationSigningChain(authority.signingChain())
            .store(new InMemoryTrustedStore())
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .build();
    agent.enable();
    return agent;
  }
}
