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
  void aTagNoPoolOnTheServerEverHeldIsAnInvalidTag() throws Exception {
    assertThat(a.authorize(users(1)).reply().body().verdicts())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo(Verdict.Kind.INVALID_TAG);
              assertThat(v.reason()).contains("not a tag this license server knows");
            });
  }

  @Test
  void aTagAnotherAccountHasButThisPoolLacksIsOutOfComplianceWithTheReason() throws Exception {
    fixture.server.admin().createVirtualAccount("acme", "other");
    fixture.server.admin().addLicenses("other", LicenseGrant.perpetual(VPN, 10));
    assertThat(a.authorize(users(1)).reply().body().verdicts())
        .containsExactly(
            new Verdict(
                VPN,
                Verdict.Kind.OUT_OF_COMPLIANCE,
                "no VPN_Plus licenses in virtual account lab; add licenses to its pool"));
  }

  @Test
  void autoGrantIsAnExplicitPerAccountOptionOffByDefault() throws Exception {
    assertThat(fixture.server.admin().accounts().get(0).virtualAccounts().get(0).autoGrant())
        .isFalse();
    fixture.server.admin().autoGrant("lab", true);
    assertThat(a.authorize(users(3)).reply().body().verdicts())
        .singleElement()
        .satisfies(v -> assertThat(v.kind()).isEqualTo(Verdict.Kind.AUTHORIZED));
    fixture.server.admin().autoGrant("lab", false);
    assertThat(a.authorize(users(3)).reply().body().verdicts())
        .extracting(Verdict::kind)
        .containsExactly(Verdict.Kind.INVALID_TAG);
  }

  @Test
  void removedLicensesLeaveTheTagOutOfCompliance() throws Exception {
    fixture.server.admin().addLicenses("lab", LicenseGrant.perpetual(VPN, 10));
    fixture.server.admin().removeLicenses("lab", VPN);
    assertThat(a.authorize(users(1)).reply().body().verdicts())
        .extracting(Verdict::kind)
        .containsExactly(Verdict.Kind.OUT_OF_COMPLIANCE);
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
