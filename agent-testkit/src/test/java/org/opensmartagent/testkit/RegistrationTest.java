package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.protocol.Decoded;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.ServerReply;

class RegistrationTest {
  private Fixture fixture;

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void unknownTokenIsRefused() throws Exception {
    fixture = new Fixture();
    try (TestDevice device = fixture.device()) {
      assertRejected(device.register("NoSuchToken"), RejectReason.TOKEN_INVALID);
    }
  }

  @Test
  void expiredTokenIsRefused() throws Exception {
    fixture = new Fixture();
    fixture.time.advance(Duration.ofDays(30));
    try (TestDevice device = fixture.device()) {
      Decoded<?> answer = device.register(fixture.token);
      assertRejected(answer, RejectReason.TOKEN_EXPIRED);
      assertThat(answer.reply().rejection().orElseThrow().serverMessage())
          .contains("expired at 2025-03-31T12:00:00Z");
    }
  }

  @Test
  void revokedTokenIsRefused() throws Exception {
    fixture = new Fixture();
    fixture.server.admin().revokeToken(fixture.token);
    try (TestDevice device = fixture.device()) {
      assertRejected(device.register(fixture.token), RejectReason.TOKEN_REVOKED);
    }
  }

  @Test
  void usedUpTokenIsRefused() throws Exception {
    fixture = new Fixture();
    String once = fixture.server.admin().createToken("lab", new TokenSpec("one", 1, 1, true));
    try (TestDevice first = fixture.device();
        TestDevice second = fixture.device()) {
      assertThat(first.register(once).reply().body().exportControlled()).isTrue();
      assertRejected(second.register(once), RejectReason.TOKEN_USED_UP);
    }
  }

  @Test
  void instanceLimitPerSmartAccountIsEnforced() throws Exception {
    fixture = new Fixture(MockLicenseServer.builder().instanceLimit(1));
    try (TestDevice first = fixture.device();
        TestDevice second = fixture.device()) {
      assertThat(first.register(fixture.token).reply().isAccepted()).isTrue();
      assertRejected(second.register(fixture.token), RejectReason.INSTANCE_LIMIT_REACHED);
    }
  }

  @Test
  void secondRegistrationOfAUdiNeedsForceAndReplacesTheInstance() throws Exception {
    fixture = new Fixture(MockLicenseServer.builder().instanceLimit(1));
    try (TestDevice first =
            fixture.device(org.opensmartagent.transport.TransportKind.DIRECT, "PID:A,SN:1");
        TestDevice again =
            fixture.device(org.opensmartagent.transport.TransportKind.DIRECT, "PID:A,SN:1")) {
      first.register(fixture.token);
      Decoded<?> refused = again.register(fixture.token);
      assertRejected(refused, RejectReason.ALREADY_REGISTERED);
      assertThat(refused.productInstanceId()).isEmpty();

      assertThat(again.register(fixture.token, true).reply().isAccepted()).isTrue();
      assertThat(again.instanceId).isNotEqualTo(first.instanceId);
      assertThat(fixture.server.admin().instances())
          .singleElement()
          .satisfies(i -> assertThat(i.id()).isEqualTo(again.instanceId));
      assertRejected(first.deregister(), RejectReason.INSTANCE_UNKNOWN);
    }
  }

  @Test
  void classicLicensesAreConvertedOncePerDevice() throws Exception {
    fixture = new Fixture();
    EntitlementTag classic = EntitlementTag.parse("ESA_Classic_Security");
    try (TestDevice device = fixture.device()) {
      var first = device.register(fixture.token, false, classic);
      assertThat(first.reply().body().convertedLicenses()).containsExactly(classic);
      var again = device.register(fixture.token, true, classic);
      assertThat(again.reply().body().convertedLicenses()).containsExactly(classic);
    }
    assertThat(fixture.server.admin().usage("lab"))
        .containsExactly(new TagUsage(classic, 0, 1, false));
  }

  static void assertRejected(Decoded<?> answer, RejectReason reason) {
    ServerReply<?> reply = answer.reply();
    assertThat(reply.isAccepted()).isFalse();
    assertThat(reply.rejection().orElseThrow().reason()).isEqualTo(reason);
  }
}
