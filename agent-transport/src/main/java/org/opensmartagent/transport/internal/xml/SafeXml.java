package org.opensmartagent.transport.internal.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.opensmartagent.core.internal.xml.HardenedXml;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.transport.internal.Envelopes;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * The JDK's XML parser (hardened by core's {@link HardenedXml}: no DTDs, no external entities, no
 * XInclude, secure processing) and serializer, with failures mapped to transport errors. A fresh
 * builder per call, so this class is thread-safe.
 */
final class SafeXml {
  private SafeXml() {}

  static Document newDocument() {
    return newBuilder().newDocument();
  }

  /** Parses an answer; a DOCTYPE or any syntax error is a {@code MALFORMED_RESPONSE}. */
  static Document parse(byte[] body) throws TransportException {
    try {
      return HardenedXml.parse(body);
    } catch (SAXException e) {
      String message = String.valueOf(e.getMessage());
      if (HardenedXml.isDoctype(e)) {
        throw Envelopes.malformed(
            "the XML answer declares a DOCTYPE; DTDs and entities are not accepted", e);
      }
      throw Envelopes.malformed("the body is not well-formed XML (" + message + ")", e);
    } catch (IOException e) {
      throw Envelopes.malformed("the body cannot be read as XML", e);
    }
  }

  static byte[] serialize(Document document) {
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "no");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("the JDK cannot serialize a DOM document", e);
    }
  }

  private static DocumentBuilder newBuilder() {
    return HardenedXml.newBuilder();
  }
}
