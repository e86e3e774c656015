package org.opensmartagent.transport.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.transport.TestMessages.assertSameMessage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.transport.TestMessages;
import org.w3c.dom.Document;

class CallHomeEnvelopeCodecTest {
  private static final URI TO = URI.create("https://gw.example/Transportgateway/services/x");
  private final CallHomeEnvelopeCodec codec = new CallHomeEnvelopeCodec(TO, TestMessages.CLOCK);

  @Test
  void envelopeCarriesTheAmlSessionHeaderAndBlock() throws Exception {
    SignedMessage message = TestMessages.request(MessageType.AUTHORIZE_REQUEST);
    Document document = SafeXml.parse(codec.encode(message));
    String session = "/s:Envelope/s:Header/as:Session/as:";
    String header = "/s:Envelope/s:Body/ab:Block/ab:Header/ab:";
    String licensing = "/s:Envelope/s:Body/ab:Block/ab:Content/lic:LicensingMessage/lic:";

    assertThat(xpath(document, session + "To")).isEqualTo(TO.toString());
    assertThat(xpath(document, session + "From")).isEqualTo("urn:opensmartagent:agent");
    assertThat(xpath(document, session + "MessageId")).matches("M[0-9a-f]{32}");
    assertThat(xpath(document, header + "Type")).isEqualTo("urn:opensmartagent:licensing");
    assertThat(xpath(document, header + "CreationDate")).isEqualTo("2025-03-01T12:00:00Z");
    assertThat(xpath(document, header + "Builder/ab:Name")).isEqualTo("Open Smart Agent");
    assertThat(xpath(document, header + "Builder/ab:Version")).isNotBlank();
    assertThat(xpath(document, header + "BlockGroup/ab:Number")).isEqualTo("0");
    assertThat(xpath(document, header + "BlockGroup/ab:GroupId"))
        .isEqualTo(xpath(document, session + "MessageId"));
    assertThat(xpath(document, licensing + "Type")).isEqualTo("AUTHORIZE_REQUEST");
    assertThat(xpath(document, licensing + "Payload"))
        .isEqualTo(TestMessages.base64(message.payload()));
    assertThat(xpath(document, "count(" + licensing + "Certificates/lic:Certificate)"))
        .isEqualTo("2");
    assertThat(codec.contentType()).isEqualTo("application/soap+xml; charset=utf-8");
  }

  @Test
  void decodesWhatItEncodes() throws Exception {
    SignedMessage message = TestMessages.request(MessageType.DEREGISTER_REQUEST);

    assertSameMessage(codec.decode(codec.encode(message)), message);
  }

  @Test
  void refusesADoctypeAndDoesNotResolveExternalEntities(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-VALUE");
    String answer =
        new String(
            codec.encode(TestMessages.answer(MessageType.AUTHORIZE_RESPONSE)),
            StandardCharsets.UTF_8);
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>"
            + answer
                .replaceFirst("<\\?xml[^>]*>", "")
                .replace("<lic:Version>1.3", "<lic:Version>&xxe;");

    assertThatThrownBy(() -> codec.decode(xxe.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.MALFORMED_RESPONSE))
        .hasMessageContaining("DTDs and entities are not accepted")
        .hasMessageNotContaining("TOP-SECRET-VALUE");
  }

  @Test
  void refusesMalformedXml() {
    assertMalformed("<soap-env:Envelope", "not well-formed XML");
    assertMalformed("<Envelope/>", "not a SOAP 1.2 Envelope");
  }

  @Test
  void refusesMissingElementsAndBadBase64() {
    String answer = encodedAnswer();

    assertMalformed(answer.replaceAll("<lic:Signature>[^<]*</lic:Signature>", ""), "Signature");
    assertMalformed(
        answer.replaceAll("<lic:Payload>", "<lic:Payload>%%"), "Payload is not valid base64");
    assertMalformed(answer.replace("AUTHORIZE_RESPONSE", "NOPE"), "unknown message type");
    assertMalformed(
        answer.replaceAll("<aml-block:Content>.*</aml-block:Content>", ""), "element Content");
  }

  private String encodedAnswer() {
    return new String(
        codec.encode(TestMessages.answer(MessageType.AUTHORIZE_RESPONSE)), StandardCharsets.UTF_8);
  }

  private void assertMalformed(String xml, String messagePart) {
    assertThatThrownBy(() -> codec.decode(xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.MALFORMED_RESPONSE))
        .hasMessageContaining(messagePart);
  }

  private static String xpath(Document document, String expression) throws Exception {
    XPath xpath = XPathFactory.newInstance().newXPath();
    xpath.setNamespaceContext(new Namespaces());
    return xpath.evaluate(expression, document);
  }

  private static final class Namespaces implements NamespaceContext {
    private static final Map<String, String> PREFIXES =
        Map.of(
            "s", AmlNames.SOAP,
            "as", AmlNames.SESSION,
            "ab", AmlNames.BLOCK,
            "lic", AmlNames.LICENSING);

    @Override
    public String getNamespaceURI(String prefix) {
      return PREFIXES.get(prefix);
    }

    @Override
    public String getPrefix(String namespaceUri) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.Iterator<String> getPrefixes(String namespaceUri) {
      throw new UnsupportedOperationException();
    }
  }
}
