package org.opensmartagent.transport.internal.xml;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.transport.internal.EnvelopeCodec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Call Home envelope: SOAP 1.2 with an AML session header (To, From, MessageId) and an AML
 * block (Type, CreationDate, Builder, BlockGroup) whose content is our licensing message. See
 * {@code docs/protocol.md}. The message id is derived from the signature, so no randomness is
 * needed; the creation date comes from the injected clock. Thread-safe.
 */
public final class CallHomeEnvelopeCodec implements EnvelopeCodec {
  private final URI to;
  private final Clock clock;

  public CallHomeEnvelopeCodec(URI to, Clock clock) {
    this.to = Objects.requireNonNull(to, "to == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  @Override
  public String contentType() {
    return "application/soap+xml; charset=utf-8";
  }

  @Override
  public byte[] encode(SignedMessage message) {
    Objects.requireNonNull(message, "message == null");
    Document document = SafeXml.newDocument();
    Element envelope = document.createElementNS(AmlNames.SOAP, "soap-env:Envelope");
    document.appendChild(envelope);
    Element header = child(envelope, AmlNames.SOAP, "soap-env:Header");
    String messageId = messageId(message);
    writeSession(child(header, AmlNames.SESSION, "aml-session:Session"), messageId);
    Element block =
        child(child(envelope, AmlNames.SOAP, "soap-env:Body"), AmlNames.BLOCK, "aml-block:Block");
    writeBlockHeader(child(block, AmlNames.BLOCK, "aml-block:Header"), messageId);
    Element content = child(block, AmlNames.BLOCK, "aml-block:Content");
    writeMessage(child(content, AmlNames.LICENSING, "lic:LicensingMessage"), message);
    return SafeXml.serialize(document);
  }

  @Override
  public SignedMessage decode(byte[] body) throws TransportException {
    Objects.requireNonNull(body, "body == null");
    return CallHomeEnvelopeReader.read(SafeXml.parse(body));
  }

  private void writeSession(Element session, String messageId) {
    session.setAttributeNS(AmlNames.SOAP, "soap-env:mustUnderstand", "true");
    text(session, AmlNames.SESSION, "aml-session:To", to.toString());
    text(session, AmlNames.SESSION, "aml-session:From", AmlNames.FROM);
    text(session, AmlNames.SESSION, "aml-session:MessageId", messageId);
  }

  private void writeBlockHeader(Element header, String messageId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    text(header, AmlNames.BLOCK, "aml-block:Type", AmlNames.BLOCK_TYPE);
    text(header, AmlNames.BLOCK, "aml-block:CreationDate", now.toString());
    Element builder = child(header, AmlNames.BLOCK, "aml-block:Builder");
    text(builder, AmlNames.BLOCK, "aml-block:Name", AmlNames.BUILDER_NAME);
    text(builder, AmlNames.BLOCK, "aml-block:Version", AmlNames.BUILDER_VERSION);
    Element group = child(header, AmlNames.BLOCK, "aml-block:BlockGroup");
    text(group, AmlNames.BLOCK, "aml-block:GroupId", messageId);
    text(group, AmlNames.BLOCK, "aml-block:Number", "0");
    text(group, AmlNames.BLOCK, "aml-block:IsLast", "true");
    text(group, AmlNames.BLOCK, "aml-block:IsPrimary", "true");
  }

  private static void writeMessage(Element licensing, SignedMessage message) {
    Base64.Encoder base64 = Base64.getEncoder();
    text(licensing, AmlNames.LICENSING, "lic:Type", message.type().name());
    text(licensing, AmlNames.LICENSING, "lic:Version", message.version());
    text(licensing, AmlNames.LICENSING, "lic:Payload", base64.encodeToString(message.payload()));
    text(
        licensing, AmlNames.LICENSING, "lic:Signature", base64.encodeToString(message.signature()));
    Element certificates = child(licensing, AmlNames.LICENSING, "lic:Certificates");
    for (byte[] der : message.certificateChain()) {
      text(certificates, AmlNames.LICENSING, "lic:Certificate", base64.encodeToString(der));
    }
  }

  /** The first 16 bytes of SHA-256 over the signature, in hex. */
  static String messageId(SignedMessage message) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(message.signature());
      return "M" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Element child(Element parent, String namespace, String qualifiedName) {
    Element element = parent.getOwnerDocument().createElementNS(namespace, qualifiedName);
    parent.appendChild(element);
    return element;
  }

  private static void text(Element parent, String namespace, String qualifiedName, String value) {
    child(parent, namespace, qualifiedName).setTextContent(value);
  }
}
