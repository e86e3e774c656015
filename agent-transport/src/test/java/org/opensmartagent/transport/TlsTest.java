package org.opensmartagent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.transport.TestMessages.assertSameMessage;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;

/** An https server with a certificate from a private CA, as an on-premises server has. */
class TlsTest {
  private final MockWebServer server = new MockWebServer();
  private final SignedMessage answer = TestMessages.answer(MessageType.AUTHORIZE_RESPONSE);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void privateCaIsRefusedWithThePlatformTrustStore() throws Exception {
    start(TestTls.localhostServer());

    assertThatThrownBy(() -> exchange(baseSettings().build()))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION))
        .hasMessageContaining("TLS handshake with " + url() + " failed")
        .hasMessageContaining("trust store");
  }

  @Test
  void privateCaIsAcceptedWithACustomTrustStore() throws Exception {
    start(TestTls.localhostServer());

    assertSameMessage(
        exchange(baseSettings().trustedCertificates(TestTls.caPem()).build()), answer);
  }

  @Test
  void certificateForAnotherHostIsRefusedWithTheIdentityCheckOn() throws Exception {
    start(TestTls.otherHostServer());

    assertThatThrownBy(() -> exchange(baseSettings().trustedCertificates(TestTls.caPem()).build()))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION))
        .hasMessageContaining("presented a certificate for another host name");
  }

  @Test
  void certificateForAnotherHostIsAcceptedWithTheIdentityCheckOff() throws Exception {
    start(TestTls.otherHostServer());
    TransportSettings settings =
        baseSettings().trustedCertificates(TestTls.caPem()).serverIdentityCheck(false).build();

    assertSameMessage(exchange(settings), answer);
  }

  private void start(HandshakeCertificates certificates) throws Exception {
    server.useHttps(certificates.sslSocketFactory());
    server.start();
    server.enqueue(new MockResponse.Builder().body(TestMessages.json(answer)).build());
  }

  private String url() {
    return server.url("/SmartTransport").toString();
  }

  private TransportSettings.Builder baseSettings() {
    return ChannelRoundTripTest.settings(TransportKind.SMART_TRANSPORT, url()).newBuilder();
  }

  private static SignedMessage exchange(TransportSettings settings) throws Exception {
    try (MessageChannel channel = Transports.channel(settings)) {
      return channel.exchange(TestMessages.request(MessageType.AUTHORIZE_REQUEST));
    }
  }
}
