package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.testkit.ReservationFixture.DLP;
import static org.opensmartagent.testkit.ReservationFixture.MALWARE;

import java.security.SecureRandom;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.transport.Verdict;

/** The server's reservation rules, through {@link LicenseAdmin} alone. */
class ReservationRulesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    f.server.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 2));
    f.server.admin().createVirtualAccount("acme", "prod");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void linesMustFitTheRequestCodesType() {
    String slr = code(ReservationType.SPECIFIC, "FCH0001").text();
    String plr = code(ReservationType.UNIVERSAL, "FCH0002").text();

    assertThatThrownBy(() -> reserve("lab", plr, ReservationType.SPECIFIC, line(MALWARE, 1)))
        .hasMessageContaining("asks for a UNIVERSAL reservation, not SPECIFIC");
    assertThatThrownBy(() -> reserve("lab", plr, ReservationType.UNIVERSAL, line(MALWARE, 1)))
        .hasMessageContaining("give no entitlement lines");
    assertThatThrownBy(() -> reserve("lab", slr, ReservationType.SPECIFIC))
        .hasMessageContaining("at least one (tag, count) line");
    assertThatThrownBy(
            () -> reserve("lab", slr, ReservationType.SPECIFIC, line(MALWARE, 1), line(MALWARE, 1)))
        .hasMessageContaining("ESA_Anti_Malware is listed twice");
    assertThatThrownBy(() -> new ReservationLine(MALWARE, 0))
        .hasMessageContaining("must be at least 1");
    assertThatThrownBy(() -> reserve("lab", null, ReservationType.SPECIFIC, line(MALWARE, 1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("requestCode == null");
    assertThat(f.server.admin().reservations()).isEmpty();
  }

  @Test
  void aTagThePoolNeverHeldHasNoneAvailable() {
    String slr = code(ReservationType.SPECIFIC, "FCH0001").text();

    assertThatThrownBy(() -> reserve("lab", slr, ReservationType.SPECIFIC, line(DLP, 1)))
        .isInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining(
            "too few ESA_Data_Loss_Prevention licenses: 1 requested, 0 available");
  }

  @Test
  void anUpdateStaysInItsVirtualAccountAndUnknownNamesAreNotFound() {
    String slr = code(ReservationType.SPECIFIC, "FCH0001").text();
    reserve("lab", slr, ReservationType.SPECIFIC, line(MALWARE, 1));

    assertThatThrownBy(() -> reserve("prod", slr, ReservationType.SPECIFIC, line(MALWARE, 1)))
        .isInstanceOf(ReservationRefusedException.class)
        .hasMessageContaining("is reserved in virtual account 'lab'; update it there");
    assertThatThrownBy(() -> reserve("nope", slr, ReservationType.SPECIFIC, line(MALWARE, 1)))
        .isInstanceOf(NoSuchElementException.class);
    String unknown = code(ReservationType.SPECIFIC, "FCH0009").text();
    assertThatThrownBy(() -> f.server.admin().confirm(unknown, "0123abcd"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("reserve it first");
  }

  @Test
  void reservedLicensesCountAgainstRegisteredDevices() throws Exception {
    reserve(
        "lab",
        code(ReservationType.SPECIFIC, "FCH0001").text(),
        ReservationType.SPECIFIC,
        line(MALWARE, 2));

    try (TestDevice device = f.device()) {
      device.register(f.token);
      assertThat(device.authorize(EntitlementRequest.one(MALWARE)).reply().body().verdicts())
          .containsExactly(
              new Verdict(MALWARE, Verdict.Kind.OUT_OF_COMPLIANCE, "3 in use, 2 licensed"));
    }
    assertThatThrownBy(
            () ->
                reserve(
                    "lab",
                    code(ReservationType.SPECIFIC, "FCH0002").text(),
                    ReservationType.SPECIFIC,
                    line(MALWARE, 1)))
        .hasMessageContaining("0 available (2 licensed, 3 in use or reserved)");
  }

  private String reserve(
      String va, String requestCode, ReservationType type, ReservationLine... lines) {
    return f.server.admin().reserve(va, requestCode, type, List.of(lines));
  }

  private static ReservationLine line(org.opensmartagent.core.EntitlementTag tag, long count) {
    return new ReservationLine(tag, count);
  }

  private static RequestCode code(ReservationType type, String serial) {
    return RequestCode.create(type, Udi.of("ESA-C170", serial), "test-build", RANDOM);
  }
}
