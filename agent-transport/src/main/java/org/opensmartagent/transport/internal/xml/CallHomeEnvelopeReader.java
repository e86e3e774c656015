package org.opensmartagent.transport.internal.xml;

import java.util.ArrayList;
import java.util.List;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.transport.internal.Envelopes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Finds the licensing message in a parsed Call Home answer: {@code Envelope/Body/Block/Content/
 * LicensingMessage}, by namespace. Unknown elements elsewhere are ignored; a missing element or bad
 * base64 is a {@code MALFORMED_RESPONSE}. Stateless.
 */
final class CallHomeEnvelopeReader {
  private CallHomeEnvelopeReader() {}

  static SignedMessage read(Document document) throws TransportException {
    Element envelope = document.getDocumentElement();
    if (!AmlNames.SOAP.equals(envelope.getNamespaceURI())
        || !"Envelope".equals(envelope.getLocalName())) {
      throw Envelopes.malformed("the XML answer is not a SOAP 1.2 Envelope");
    }
    Element body = required(envelope, AmlNames.SOAP, "Body");
    Element block = required(body, AmlNames.BLOCK, "Block");
    Element content = required(block, AmlNames.BLOCK, "Content");
    Element licensing = required(content, AmlNames.LICENSING, "LicensingMessage");
    return new SignedMessage(
        Envelopes.messageType(text(licensing, "Type")),
        text(licensing, "Version"),
        Envelopes.base64("Payload", text(licensing, "Payload")),
        Envelopes.base64("Signature", text(licensing, "Signature")),
        certificates(required(licensing, AmlNames.LICENSING, "Certificates")));
  }

  private static List<byte[]> certificates(Element certificates) throws TransportException {
    List<byte[]> result = new ArrayList<>();
    for (Element certificate : children(certificates, AmlNames.LICENSING, "Certificate")) {
      result.add(Envelopes.base64("Certificate", certificate.getTextContent()));
    }
    return result;
  }

  private static String text(Element parent, String localName) throws TransportException {
    Element element = required(parent, AmlNames.LICENSING, localName);
    for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node.getNodeType() != Node.TEXT_NODE && node.getNodeType() != Node.CDATA_SECTION_NODE) {
        throw Envelopes.malformed("element " + localName + " must hold only text");
      }
    }
    return element.getTextContent().strip();
  }

  private static Element required(Element parent, String namespace, String localName)
      throws TransportException {
    List<Element> found = children(parent, namespace, localName);
    if (found.size() != 1) {
      throw Envelopes.malformed(
          "expected one element "
              + localName
              + " in "
              + parent.getLocalName()
              + ", found "
              + found.size());
    }
    return found.get(0);
  }

  private static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> result = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && namespace.equals(element.getNamespaceURI())
          && localName.equals(element.getLocalName())) {
        result.add(element);
      }
    }
    return result;
  }
}
