package org.opensmartagent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.transport.TestMessages.assertSameMessage;

import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.transport.internal.xml.CallHomeEnvelopeCodec;

/** A MockWebServer plays the HTTP proxy; the license server host is never resolved. */
class ProxyTest {
  private static final String GATEWAY_URL =
      "http://license.example/Transportgateway/services/DeviceRequestHandler";
  private final MockWebServer proxy = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    proxy.start();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void httpTargetIsSentToTheProxyWithAnAbsoluteUri() throws Exception {
    SignedMessage answer = TestMessages.answer(MessageType.AUTHORIZE_RESPONSE);
    proxy.enqueue(callHomeAnswer(answer));

    try (MessageChannel channel = channel(GATEWAY_URL, proxySettings())) {
      assertSameMessage(channel.exchange(request()), answer);
      assertThat(channel.description()).endsWith("via proxy " + proxySettings().address());
    }

    RecordedRequest recorded = proxy.takeRequest();
    assertThat(recorded.getRequestLine()).startsWith("POST " + GATEWAY_URL + " HTTP/1.1");
    assertThat(recorded.getHeaders().get("Proxy-Authorization")).isNull();
  }

  @Test
  void basicCredentialsAreSentAfterA407() throws Exception {
    SignedMessage answer = TestMessages.answer(MessageType.AUTHORIZE_RESPONSE);
    proxy.enqueue(proxyAuthenticationRequired());
    proxy.enqueue(callHomeAnswer(answer));

    try (MessageChannel channel =
        channel(GATEWAY_URL, proxySettings().withCredentials("alice", "s3cret!"))) {
      assertSameMessage(channel.exchange(request()), answer);
    }

    assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization")).isNull();
    assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization"))
        .isEqualTo(Credentials.basic("alice", "s3cret!", StandardCharsets.UTF_8));
  }

  @Test
  void refusedCredentialsAreTriedOnceAndReportedWithoutThePassword() {
    proxy.enqueue(proxyAuthenticationRequired());
    proxy.enqueue(proxyAuthenticationRequired());
    proxy.enqueue(proxyAuthenticationRequired());

    try (MessageChannel channel =
        channel(GATEWAY_URL, proxySettings().withCredentials("alice", "s3cret!"))) {
      assertThatThrownBy(() -> channel.exchange(request()))
          .isInstanceOfSatisfying(
              TransportException.class,
              e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION))
          .hasMessage(
              "Proxy "
                  + proxySettings().address()
                  + " refused the credentials (407); check the proxy username and password")
          .hasMessageNotContaining("s3cret!");
    }
    assertThat(proxy.getRequestCount()).isEqualTo(2);
  }

  @Test
  void httpsTargetIsTunnelledWithConnect() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(403).build());

    try (MessageChannel channel =
        channel("https://license.example/SmartTransport", proxySettings())) {
      assertThatThrownBy(() -> channel.exchange(request()))
          .isInstanceOfSatisfying(
              TransportException.class,
              e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION))
          .hasMessageContaining(
              "Proxy "
                  + proxySettings().address()
                  + " refused to open a tunnel (CONNECT) to https://license.example/SmartTransport");
    }

    RecordedRequest connect = proxy.takeRequest();
    assertThat(connect.getMethod()).isEqualTo("CONNECT");
    assertThat(connect.getRequestLine()).startsWith("CONNECT license.example:443 HTTP/1.1");
  }

  private ProxySettings proxySettings() {
    return ProxySettings.of(proxy.getHostName(), proxy.getPort());
  }

  private static MessageChannel channel(String url, ProxySettings proxySettings) {
    TransportKind kind =
        url.startsWith("https") ? TransportKind.SMART_TRANSPORT : TransportKind.TRANSPORT_GATEWAY;
    return Transports.channel(
        ChannelRoundTripTest.settings(kind, url).newBuilder().proxy(proxySettings).build());
  }

  private static SignedMessage request() {
    return TestMessages.request(MessageType.AUTHORIZE_REQUEST);
  }

  private static MockResponse proxyAuthenticationRequired() {
    return new MockResponse.Builder()
        .code(407)
        .addHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")
        .build();
  }

  private static MockResponse callHomeAnswer(SignedMessage answer) {
    byte[] xml =
        new CallHomeEnvelopeCodec(java.net.URI.create(GATEWAY_URL), TestMessages.CLOCK)
            .encode(answer);
    return new MockResponse.Builder().body(new okio.Buffer().write(xml)).build();
  }
}
