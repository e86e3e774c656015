package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.Verdict;

class AuthorizationTest {
  private static final EntitlementTag VPN = EntitlementTag.parse("VPN_Plus");

  private Fixture fixture;
  private TestDevice a;
  private TestDevice b;

  @BeforeEach
  void start() throws Exception {
    fixture = new Fixture();
    a = fixture.device();
    b = fixture.device();
    a.register(fixture.token);
    b.register(fixture.token);
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    fixture.close();
  }

  @Test
  void usageOfAllInstancesBeyondTheCountIsOutOfComplianceUntilLicensesAreAdded() throws Exception {
    fixture.server.admin().addLicenses("lab", LicenseGrant.perpetual(VPN, 10));
    a.authorize(users(5));
    assertThat(b.authorize(users(7)).reply().body().verdicts())
        .containsExactly(
            new Verdict(VPN, Verdict.Kind.OUT_OF_COMPLIANCE, "12 in use, 10 licensed"));

    fixture.server.admin().addLicenses("lab", LicenseGrant.perpetual(VPN, 2));
    assertThat(b.authorize(users(7)).reply().body().verdicts())
        .containsExactly(new Verdict(VPN, Verdict.Kind.AUTHORIZED, "12 in use, 12 licensed"));
  }

  @Test
  void useBeyondAnOveragePoolIsOverage() throws Exception {
    fixture.server.admin().addLicenses("lab", LicenseGrant.perpetual(VPN, 1).withOverage());
    assertThat(a.authorize(users(2)).reply().body().verdicts())
        .containsExactly(new Verdict(VPN, Verdict.Kind.OVERAGE, "2 in use, 1 licensed"));
  }

  @Test
  void expiredTermLicensesNoLongerCount() throws Exception {
    fixture
        .server
        .admin()
        .addLicenses(
            "lab",
            LicenseGrant.term(VPN, 5, Fixture.START, Fixture.START.plus(Duration.ofDays(30))));
    assertThat(a.authorize(users(5)).reply().body().verdicts())
        .extracting(Verdict::kind)
        .containsExactly(Verdict.Kind.AUTHORIZED);
    fixture.time.advance(Duration.ofDays(31));
    assertThat(a.authorize(users(5)).reply().body().verdicts())
        .containsExactly(new Verdict(VPN, Verdict.Kind.OUT_OF_COMPLIANCE, "5 in use, 0 licensed"));
  }

  @Test
  void aTagOutsideThePoolIsInvalid() throws Exception {
    assertThat(a.authorize(users(1)).reply().body().verdicts())
        .extracting(Verdict::kind)
        .containsExactly(Verdict.Kind.INVALID_TAG);
  }

  @Test
  void anUnknownInstanceIsRefused() throws Exception {
    a.deregister();
    RegistrationTest.assertRejected(a.authorize(users(1)), RejectReason.INSTANCE_UNKNOWN);
  }

  private static EntitlementRequest users(long count) {
    return new EntitlementRequest(VPN, count, CountUnit.USERS);
  }
}
