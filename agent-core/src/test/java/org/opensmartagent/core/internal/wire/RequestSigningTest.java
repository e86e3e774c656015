package org.opensmartagent.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.Fixtures;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.protocol.MessageSigning;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;

/**
 * Who signs each request: a registration with its new key alone, every later request with the ID
 * key and the ID certificate the server issued last, verifiable with that certificate.
 */
@Timeout(30)
class RequestSigningTest {
  private final VirtualTime time = new VirtualTime(Fixtures.START);
  private final SigningServer server =
      new SigningServer(time.clock(), LicensingEnvironment.PRODUCTION);

  private SmartAgent agent() throws Exception {
    SmartAgent agent =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(Fixtures.UDI)
            .channel(server)
            .pinnedRoot(server.pinnedRoot(LicensingEnvironment.PRODUCTION))
            .store(new InMemoryTrustedStore())
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .build();
    agent.enable();
    agent.request(Fixtures.DLP);
    return agent;
  }

  @Test
  void everyRequestAfterRegistrationCarriesTheLatestIdCertificateAndVerifiesWithIt()
      throws Exception {
    try (SmartAgent agent = agent()) {
      assertThat(agent.register("TOKEN1").succeeded()).isTrue();
      assertThat(agent.renewId().succeeded()).isTrue();
      assertThat(agent.renewId().succeeded()).isTrue();
      assertThat(agent.renewAuthorization().succeeded()).isTrue();
      assertThat(agent.register("TOKEN2", true).succeeded()).isTrue();

      List<SignedMessage> sent = server.received();
      List<byte[]> issued = server.issued();
      assertThat(sent)
          .extracting(SignedMessage::type)
          .containsExactly(
              MessageType.REGISTER_REQUEST,
              MessageType.AUTHORIZE_REQUEST,
              MessageType.RENEW_ID_REQUEST,
              MessageType.RENEW_ID_REQUEST,
              MessageType.AUTHORIZE_REQUEST,
              MessageType.REGISTER_REQUEST,
              MessageType.AUTHORIZE_REQUEST);
      assertThat(issued).hasSize(4);
      // a registration has no certificate yet: the new key it asks one for signs it alone
      assertSignedByNewKey(sent.get(0), issued.get(0));
      assertSignedByNewKey(sent.get(5), issued.get(3));
      // each later request carries the certificate issued by the exchange before it
      assertSignedBy(sent.get(1), issued.get(0));
      assertSignedBy(sent.get(2), issued.get(0));
      assertSignedBy(sent.get(3), issued.get(1));
      assertSignedBy(sent.get(4), issued.get(2));
      assertSignedBy(sent.get(6), issued.get(3));
    }
  }

  private static void assertSignedByNewKey(SignedMessage register, byte[] certificateIssued)
      throws Exception {
    assertThat(register.certificateChain()).as("a registration carries no certificate").isEmpty();
    MessageSigning.verify(register, certificate(certificateIssued).getPublicKey());
  }

  private static X509Certificate certificate(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static void assertSignedBy(SignedMessage request, byte[] idCertificate) throws Exception {
    assertThat(request.certificateChain()).isNotEmpty();
    assertThat(request.certificateChain().get(0))
        .as(request.type() + " carries the latest ID certificate")
        .isEqualTo(idCertificate);
    MessageSigning.verify(request, certificate(idCertificate).getPublicKey());
  }
}
