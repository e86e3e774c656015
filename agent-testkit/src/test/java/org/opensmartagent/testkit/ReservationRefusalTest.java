package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.testkit.ReservationFixture.DLP;
import static org.opensmartagent.testkit.ReservationFixture.MALWARE;
import static org.opensmartagent.testkit.ReservationFixture.files;
import static org.opensmartagent.testkit.ReservationFixture.mode;
import static org.opensmartagent.testkit.ReservationFixture.requestCode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;

/**
 * The real agent refuses authorization codes the mock server made for someone else, altered copies
 * of them, and input that is not a code at all; its stored state stays byte for byte the same, and
 * the genuine code still installs afterwards.
 */
class ReservationRefusalTest {
  @TempDir Path dir;
  private ReservationFixture r;
  private SmartAgent agent;
  private RequestCode request;
  private String good;

  @BeforeEach
  void start() throws Exception {
    r = new ReservationFixture();
    r.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 5));
    r.admin().addLicenses("lab", LicenseGrant.perpetual(DLP, 5));
    agent = r.agent("FCH0001", dir);
    agent.request(MALWARE);
    agent.request(DLP);
    request = requestCode(agent, ReservationType.SPECIFIC);
    good =
        r.admin()
            .reserve(
                "lab",
                request.text(),
                ReservationType.SPECIFIC,
                List.of(new ReservationLine(MALWARE, 1)));
  }

  @AfterEach
  void stop() {
    r.close();
  }

  @Test
  void aCodeMadeForAnotherDevicesRequestIsRefused() throws Exception {
    SmartAgent other = r.agent("FCH0002");
    String forOther =
        r.admin()
            .reserve(
                "lab",
                requestCode(other, ReservationType.SPECIFIC).text(),
                ReservationType.SPECIFIC,
                List.of(new ReservationLine(MALWARE, 1)));

    assertRefusedUnchanged(
        forOther,
        "The Reservation Authorization Code does not match the Reservation Request Code: it is for"
            + " P:ESA-C170,S:FCH0002");
  }

  @Test
  void aCodeForACancelledRequestIsRefused() {
    agent.cancelReservation();
    assertThatThrownBy(() -> agent.installAuthorizationCode(good))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No reservation in progress");
    agent.requestCode(ReservationType.UNIVERSAL);

    assertRefusedUnchanged(good, "does not match the Reservation Request Code");
  }

  @Test
  void tamperedCodesAreRefused() {
    assertRefusedUnchanged(
        good.replace("<count>1</count>", "<count>5</count>"), "signature is not valid");
    assertRefusedUnchanged(
        good.replace(
            "</entitlements>",
            "<entitlement><tag>ESA_Data_Loss_Prevention</tag><count>1</count><startDate>"
                + "</startDate><endDate></endDate><licenseType>PERPETUAL</licenseType>"
                + "</entitlement></entitlements>"),
        "signature is not valid");
    assertRefusedUnchanged(
        good.replaceAll("<signature>([^<]{24})[^<]*</signature>", "<signature>$1</signature>"),
        "signature is not valid");
    assertRefusedUnchanged(
        good.replaceAll("<signature>([^<]{21})[^<]*</signature>", "<signature>$1</signature>"),
        "<signature> is not base64");
    // core reports a missing <signature> as "not base64" (its catch also swallows "has no")
    assertRefusedUnchanged(good.replaceAll("<signature>[^<]*</signature>", ""), "<signature>");
    assertRefusedUnchanged(
        good.replace("<udi>P:ESA-C170,S:FCH0001</udi>", "<udi>P:ESA-C170,S:FCH0009</udi>"),
        "does not match the Reservation Request Code");
    assertRefusedUnchanged(good.replace("<piid>", "<piid>0"), "signature is not valid");

    agent.installAuthorizationCode(good);
    assertThat(mode(agent, MALWARE)).isEqualTo(EnforcementMode.RESERVED_AUTHORIZED);
    assertThat(mode(agent, DLP)).isEqualTo(EnforcementMode.NOT_AUTHORIZED);
  }

  @Test
  void inputThatIsNotACodeIsRefusedWithAClearMessage() {
    assertRefusedUnchanged("CB-ZESA-C170:FCH0001-AK9A6sMTr-86", "it is not XML");
    assertRefusedUnchanged("", "it is not XML");
    assertRefusedUnchanged(good.substring(0, good.length() / 2), "not well-formed XML");
    assertRefusedUnchanged("<license><code/></license>", "the top element is <license>");
    assertRefusedUnchanged(
        good.replace("<displayName>", "<displayName>" + "x".repeat(70_000)),
        "at most 65536 are accepted");
    assertRefusedUnchanged(
        "<!DOCTYPE specificPLR [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + good.replace("<displayName>", "<displayName>&xxe;"),
        "DTDs and entities are not accepted");
    assertRefusedUnchanged(
        good.replace("<timestamp>", "<timestamp>soon"), "The authorization code cannot be read");

    agent.installAuthorizationCode("\n  <smartLicense>" + good + "</smartLicense>  \n");
    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_SLR);
  }

  private void assertRefusedUnchanged(String code, String message) {
    AgentStatus before = agent.status();
    Map<String, String> stored = files(dir);
    long failures = failures();

    assertThatThrownBy(() -> agent.installAuthorizationCode(code))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);

    assertThat(agent.status()).isEqualTo(before);
    assertThat(files(dir)).isEqualTo(stored);
    assertThat(failures()).isEqualTo(failures + 1);
  }

  private long failures() {
    return r.events.stream().filter(e -> e.code() == EventCode.RESERVATION_INSTALL_FAILED).count();
  }
}
