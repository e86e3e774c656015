package org.opensmartagent.core.internal.xml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree read with the JDK's StAX pull parser, hardened for input from outside: a
 * DOCTYPE is refused, no entity is ever resolved, nesting is bounded. Much cheaper than a DOM for
 * small documents such as reservation codes. Immutable once read; the factory is shared and
 * thread-safe.
 */
public final class XmlTree {
  private static final XMLInputFactory FACTORY = hardenedFactory();
  private static final int MAX_DEPTH = 16;

  private final String name;
  private final String text;
  private final List<XmlTree> children;

  private XmlTree(String name, String text, List<XmlTree> children) {
    this.name = name;
    this.text = text;
    this.children = List.copyOf(children);
  }

  /**
   * Reads {@code xml}.
   *
   * @throws IllegalArgumentException saying what is wrong: a DOCTYPE, bad syntax, too deep
   */
  public static XmlTree parse(String xml) {
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(xml));
      try {
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamConstants.DTD) {
            throw doctype();
          }
          if (event == XMLStreamConstants.START_ELEMENT) {
            XmlTree root = element(r, 1);
            drain(r);
            return root;
          }
        }
        throw new IllegalArgumentException("it has no element");
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      String message = String.valueOf(e.getMessage());
      throw message.contains("DOCTYPE") || message.contains("DTD")
          ? doctype()
          : new IllegalArgumentException("it is not well-formed XML (" + firstLine(message) + ")");
    }
  }

  public String name() {
    return name;
  }

  /** The element's own text, stripped. */
  public String text() {
    return text;
  }

  public List<XmlTree> children() {
    return children;
  }

  /** The one child named {@code childName}; refuses none or several. */
  public XmlTree child(String childName) {
    XmlTree found = null;
    for (XmlTree c : children) {
      if (c.name.equals(childName)) {
        if (found != null) {
          throw new IllegalArgumentException(
              "<" + name + "> has more than one <" + childName + ">");
        }
        found = c;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("<" + name + "> has no <" + childName + ">");
    }
    return found;
  }

  /** The text of an optional child, or empty text. */
  public String optionalText(String childName) {
    return children.stream()
        .filter(c -> c.name.equals(childName))
        .findFirst()
        .map(XmlTree::text)
        .orElse("");
  }

  public List<XmlTree> all(String childName) {
    return children.stream().filter(c -> c.name.equals(childName)).toList();
  }

  public Optional<XmlTree> first(String childName) {
    return children.stream().filter(c -> c.name.equals(childName)).findFirst();
  }

  private static XmlTree element(XMLStreamReader r, int depth) throws XMLStreamException {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("it nests elements more than " + MAX_DEPTH + " deep");
    }
    String name = r.getLocalName();
    StringBuilder text = new StringBuilder();
    List<XmlTree> children = new ArrayList<>();
    while (true) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> children.add(element(r, depth + 1));
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            text.append(r.getText());
        case XMLStreamConstants.ENTITY_REFERENCE -> throw doctype();
        case XMLStreamConstants.DTD -> throw doctype();
        case XMLStreamConstants.END_ELEMENT -> {
          return new XmlTree(name, text.toString().strip(), children);
        }
        default -> {}
      }
    }
  }

  private static void drain(XMLStreamReader r) throws XMLStreamException {
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        throw new IllegalArgumentException("it has more than one top element");
      }
    }
  }

  private static IllegalArgumentException doctype() {
    return new IllegalArgumentException(
        "it declares a DOCTYPE; DTDs and entities are not accepted");
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }

  private static XMLInputFactory hardenedFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }
}
