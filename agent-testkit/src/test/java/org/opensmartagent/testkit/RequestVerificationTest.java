package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.KeyAlgorithm;
import org.opensmartagent.core.protocol.MessageSigning;
import org.opensmartagent.core.protocol.ProtocolCodec;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.SignedMessage;

class RequestVerificationTest {
  private static final EntitlementRequest ONE =
      EntitlementRequest.one(EntitlementTag.parse("ESA_Anti_Malware"));

  private Fixture fixture;
  private TestDevice device;

  @BeforeEach
  void start() throws Exception {
    fixture = new Fixture();
    device = fixture.device();
    device.register(fixture.token);
  }

  @AfterEach
  void stop() {
    device.close();
    fixture.close();
  }

  @Test
  void aRequestSignedWithAnotherKeyIsRefused() throws Exception {
    DeviceKeys forger = DeviceKeys.generate(KeyAlgorithm.EC_P256, new SecureRandom());
    SignedMessage forged =
        MessageSigning.sign(
            MessageType.AUTHORIZE_REQUEST,
            ProtocolCodec.encode(device.authorizeRequest(ONE)),
            forger,
            List.of(device.idChain.get(0)));
    var answer = TestDevice.decodeAuthorize(device.exchange(forged));
    RegistrationTest.assertRejected(answer, RejectReason.CERTIFICATE_INVALID);
    assertThat(answer.productInstanceId()).contains(device.instanceId);
  }

  @Test
  void anIdCertificateFromAnotherServerIsRefused() throws Exception {
    try (Fixture other = new Fixture();
        TestDevice stranger = other.device()) {
      stranger.register(other.token);
      SignedMessage message =
          MessageSigning.sign(
              MessageType.AUTHORIZE_REQUEST,
              ProtocolCodec.encode(device.authorizeRequest(ONE)),
              stranger.keys,
              List.of(stranger.idChain.get(0)));
      RegistrationTest.assertRejected(
          TestDevice.decodeAuthorize(device.exchange(message)), RejectReason.CERTIFICATE_INVALID);
    }
  }

  @Test
  void anotherDevicesCertificateCannotActForThisInstance() throws Exception {
    try (TestDevice other = fixture.device()) {
      other.register(fixture.token);
      SignedMessage message =
          MessageSigning.sign(
              MessageType.AUTHORIZE_REQUEST,
              ProtocolCodec.encode(device.authorizeRequest(ONE)),
              other.keys,
              List.of(other.idChain.get(0)));
      RegistrationTest.assertRejected(
          TestDevice.decodeAuthorize(device.exchange(message)), RejectReason.CERTIFICATE_INVALID);
    }
  }

  @Test
  void renewalForAnotherKeyIsRefused() throws Exception {
    DeviceKeys other = DeviceKeys.generate(KeyAlgorithm.EC_P256, new SecureRandom());
    RegistrationTest.assertRejected(device.renew(other), RejectReason.CERTIFICATE_INVALID);
  }

  @Test
  void aRegistrationNotSignedByItsCsrKeyIsRefused() throws Exception {
    DeviceKeys forger = DeviceKeys.generate(KeyAlgorithm.EC_P256, new SecureRandom());
    try (TestDevice fresh = fixture.device()) {
      SignedMessage forged =
          MessageSigning.sign(
              MessageType.REGISTER_REQUEST,
              ProtocolCodec.encode(fresh.registerRequest(fixture.token, false)),
              forger,
              List.of());
      var answer = ProtocolCodec.decodeRegisterResponse(fresh.exchange(forged).payload());
      RegistrationTest.assertRejected(answer, RejectReason.CERTIFICATE_INVALID);
      assertThat(fixture.server.admin().instances()).hasSize(1);
    }
  }
}
