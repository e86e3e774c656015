package org.opensmartagent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.transport.TestMessages.assertSameMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.transport.internal.xml.CallHomeEnvelopeCodec;
import org.w3c.dom.Document;

/** One signed message over each transport kind against a real local HTTP(S) server. */
class ChannelRoundTripTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = TransportKind.class,
      names = {"DIRECT", "TRANSPORT_GATEWAY"})
  void callHomeRoundTrip(TransportKind kind) throws Exception {
    SignedMessage request = TestMessages.request(MessageType.AUTHORIZE_REQUEST);
    SignedMessage answer = TestMessages.answer(MessageType.AUTHORIZE_RESPONSE);
    String url = server.url("/Transportgateway/services/DeviceRequestHandler").toString();
    byte[] answerXml =
        new CallHomeEnvelopeCodec(server.url("/").uri(), TestMessages.CLOCK).encode(answer);
    server.enqueue(new MockResponse.Builder().body(new String(answerXml, "UTF-8")).build());

    SignedMessage received;
    try (MessageChannel channel = Transports.channel(settings(kind, url))) {
      received = channel.exchange(request);
      assertThat(channel.description()).isEqualTo(kind.label() + " " + url);
    }

    assertSameMessage(received, answer);
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getHeaders().get("Content-Type"))
        .isEqualTo("application/soap+xml; charset=utf-8");
    Document document = parseXml(recorded.getBody().toByteArray());
    assertThat(text(document, "Payload")).isEqualTo(TestMessages.base64(request.payload()));
    assertThat(text(document, "Signature")).isEqualTo(TestMessages.base64(request.signature()));
    assertThat(text(document, "To")).isEqualTo(url);
  }

  @Test
  void smartTransportRoundTrip() throws Exception {
    server.useHttps(TestTls.localhostServer().sslSocketFactory());
    SignedMessage request = TestMessages.request(MessageType.REGISTER_REQUEST);
    SignedMessage answer = TestMessages.answer(MessageType.REGISTER_RESPONSE);
    server.enqueue(new MockResponse.Builder().body(TestMessages.json(answer)).build());
    TransportSettings settings =
        settings(TransportKind.SMART_TRANSPORT, server.url("/SmartTransport").toString())
            .newBuilder()
            .trustedCertificates(TestTls.caPem())
            .build();

    SignedMessage received;
    try (MessageChannel channel = Transports.channel(settings)) {
      received = channel.exchange(request);
    }

    assertSameMessage(received, answer);
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode json = new ObjectMapper().readTree(recorded.getBody().toByteArray());
    assertThat(json.get("version").asText()).isEqualTo("1.3");
    assertThat(json.get("type").asText()).isEqualTo("REGISTER_REQUEST");
    assertThat(json.get("payload").asText()).isEqualTo(TestMessages.base64(request.payload()));
    assertThat(json.get("signature").asText()).isEqualTo(TestMessages.base64(request.signature()));
    assertThat(json.get("certificates")).hasSize(2);
  }

  static TransportSettings settings(TransportKind kind, String url) {
    return new TransportSettings.Builder().kind(kind).url(url).clock(TestMessages.CLOCK).build();
  }

  private static Document parseXml(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  private static String text(Document document, String localName) {
    return document.getElementsByTagNameNS("*", localName).item(0).getTextContent();
  }
}
