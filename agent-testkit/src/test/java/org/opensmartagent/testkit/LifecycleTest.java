package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.identity.ChainValidator;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.Verdict;
import org.opensmartagent.transport.TransportKind;

class LifecycleTest {
  private static final EntitlementTag MALWARE = EntitlementTag.parse("ESA_Anti_Malware");

  private Fixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new Fixture();
    fixture.server.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 10));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void registerAuthorizeRenewDeregister(TransportKind kind) throws Exception {
    try (TestDevice device = fixture.device(kind)) {
      var registered = device.register(fixture.token);
      assertThat(registered.nonce()).isEqualTo("n1");
      assertThat(registered.serverTime()).isEqualTo(Fixture.START);
      RegisterResponse body = registered.reply().body();
      assertThat(body.smartAccount()).isEqualTo("acme");
      assertThat(body.virtualAccount()).isEqualTo("lab");
      assertThat(body.exportControlled()).isFalse();
      assertThat(body.idCertificateChain()).hasSize(2);
      assertThat(body.idCertNotAfter()).isEqualTo(Fixture.START.plus(Duration.ofDays(365)));
      new ChainValidator(fixture.server.pinnedRoot())
          .validateNodeChain(body.idCertificateChain(), Fixture.START);

      var authorized = device.authorize(new EntitlementRequest(MALWARE, 3, CountUnit.DEVICES));
      assertThat(authorized.productInstanceId()).contains(device.instanceId);
      assertThat(authorized.reply().body().verdicts())
          .containsExactly(new Verdict(MALWARE, Verdict.Kind.AUTHORIZED, "3 in use, 10 licensed"));
      assertThat(authorized.reply().body().authorizedUntil())
          .isEqualTo(Fixture.START.plus(Duration.ofDays(90)));

      fixture.time.advance(Duration.ofDays(200));
      var renewed = device.renew(device.keys);
      assertThat(renewed.reply().body().idCertNotAfter())
          .isEqualTo(Fixture.START.plus(Duration.ofDays(565)));

      var deregistered = device.deregister();
      assertThat(deregistered.reply().isAccepted()).isTrue();
      assertThat(fixture.server.admin().instances()).isEmpty();
      assertThat(fixture.server.admin().usage("lab"))
          .containsExactly(new TagUsage(MALWARE, 0, 10, false));
    }
  }
}
