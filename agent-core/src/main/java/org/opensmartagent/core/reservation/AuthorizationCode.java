package org.opensmartagent.core.reservation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.SignatureVerifier;
import org.opensmartagent.core.internal.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A reservation authorization code: the {@code <specificPLR>} document a license server makes for a
 * request code, optionally wrapped in {@code <smartLicense>}. The signature (ECDSA, base64 DER)
 * covers the exact text of the {@code <authorizationCode>} element followed by a line feed and the
 * UDI text, so a code is checked as it was issued. Immutable.
 */
public record AuthorizationCode(
    ReservationType type,
    String productInstanceId,
    Instant timestamp,
    List<ReservedEntitlement> entitlements,
    Udi udi,
    byte[] signature,
    String text) {

  /** The largest code accepted, in characters. */
  public static final int MAX_LENGTH = 64 * 1024;

  private static final String OPEN = "<authorizationCode>";
  private static final String CLOSE = "</authorizationCode>";

  public AuthorizationCode {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(productInstanceId, "productInstanceId == null");
    Objects.requireNonNull(timestamp, "timestamp == null");
    entitlements = List.copyOf(entitlements);
    Objects.requireNonNull(udi, "udi == null");
    signature = signature.clone();
    Objects.requireNonNull(text, "text == null");
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** Makes and signs a code (the license server's side). */
  public static AuthorizationCode create(
      ReservationType type,
      String productInstanceId,
      Instant timestamp,
      List<ReservedEntitlement> entitlements,
      Udi udi,
      DeviceKeys signer) {
    StringBuilder b = new StringBuilder(OPEN);
    b.append("<flag>").append(type.flag()).append("</flag><version>C</version>");
    b.append("<piid>").append(escape(productInstanceId)).append("</piid>");
    b.append("<timestamp>").append(timestamp.toEpochMilli()).append("</timestamp>");
    b.append("<entitlements>");
    for (ReservedEntitlement e : entitlements) {
      b.append("<entitlement><tag>").append(escape(e.tag().value())).append("</tag>");
      b.append("<count>").append(e.count()).append("</count>");
      b.append("<startDate>")
          .append(e.term().start().map(Instant::toString).orElse(""))
          .append("</startDate>");
      b.append("<endDate>")
          .append(e.term().end().map(Instant::toString).orElse(""))
          .append("</endDate>");
      b.append("<licenseType>").append(e.licenseType()).append("</licenseType>");
      b.append("<displayName>").append(escape(e.displayName())).append("</displayName>");
      b.append("<tagDescription>").append(escape(e.description())).append("</tagDescription>");
      b.append("<subscriptionID>").append(escape(e.subscriptionId())).append("</subscriptionID>");
      b.append("</entitlement>");
    }
    b.append("</entitlements>").append(CLOSE);
    String element = b.toString();
    String udiText = udi.toCompactString();
    byte[] sig = signer.sign(signed(element, udiText));
    String text =
        "<specificPLR>"
            + element
            + "<signature>"
            + Base64.getEncoder().encodeToString(sig)
            + "</signature><udi>"
            + escape(udiText)
            + "</udi></specificPLR>";
    return new AuthorizationCode(type, productInstanceId, timestamp, entitlements, udi, sig, text);
  }

  /**
   * Parses a code from text or a file's content (surrounding whitespace ignored).
   *
   * @throws IllegalArgumentException saying what is wrong: too long, not XML, a DTD, a missing or
   *     malformed element
   */
  public static AuthorizationCode parse(String input) {
    Objects.requireNonNull(input, "input == null");
    String t = input.strip();
    if (t.length() > MAX_LENGTH) {
      throw invalid("it is " + t.length() + " characters; at most " + MAX_LENGTH + " are accepted");
    }
    if (!t.startsWith("<")) {
      throw invalid(
          "it is not XML; an authorization code starts with <specificPLR> or <smartLicense>");
    }
    Document doc;
    try {
      doc = HardenedXml.parse(t.getBytes(StandardCharsets.UTF_8));
    } catch (SAXException e) {
      throw invalid(
          HardenedXml.isDoctype(e)
              ? "it declares a DOCTYPE; DTDs and entities are not accepted"
              : "it is not well-formed XML (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw invalid("it cannot be read");
    }
    Element root = specificPlr(doc.getDocumentElement());
    Element code = child(root, "authorizationCode");
    int open = t.indexOf(OPEN);
    int close = t.indexOf(CLOSE);
    if (open < 0 || close < 0 || t.indexOf(OPEN, open + 1) >= 0) {
      throw invalid("<authorizationCode> must appear exactly once, written as issued");
    }
    List<ReservedEntitlement> entitlements = new ArrayList<>();
    NodeList list = child(code, "entitlements").getElementsByTagName("entitlement");
    for (int i = 0; i < list.getLength(); i++) {
      entitlements.add(entitlement((Element) list.item(i)));
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(text(child(root, "signature")));
    } catch (IllegalArgumentException e) {
      throw invalid("<signature> is not base64");
    }
    return new AuthorizationCode(
        field(() -> ReservationType.ofFlag(text(child(code, "flag")))),
        text(child(code, "piid")),
        field(() -> Instant.ofEpochMilli(Long.parseLong(text(child(code, "timestamp"))))),
        entitlements,
        field(() -> Udi.parse(text(child(root, "udi")))),
        sig,
        t.substring(
            t.indexOf("<specificPLR>"), t.indexOf("</specificPLR>") + "</specificPLR>".length()));
  }

  /**
   * Checks the signature with the reservation signing key.
   *
   * @throws IdentityException with reason SIGNATURE_VERIFICATION_FAILED if the code was altered or
   *     not made by the holder of that key
   */
  public void verify(PublicKey reservationKey) throws IdentityException {
    String element = text.substring(text.indexOf(OPEN), text.indexOf(CLOSE) + CLOSE.length());
    SignatureVerifier.verify(reservationKey, signed(element, udi.toCompactString()), signature);
  }

  /** The reserved entitlement for {@code tag}, if the code reserves it. */
  public Optional<ReservedEntitlement> entitlement(EntitlementTag tag) {
    return entitlements.stream().filter(e -> e.tag().equals(tag)).findFirst();
  }

  private static byte[] signed(String element, String udiText) {
    return (element + "\n" + udiText).getBytes(StandardCharsets.UTF_8);
  }

  private static Element specificPlr(Element top) {
    if (top.getTagName().equals("specificPLR")) {
      return top;
    }
    if (top.getTagName().equals("smartLicense")) {
      return child(top, "specificPLR");
    }
    throw invalid(
        "the top element is <" + top.getTagName() + ">, not <specificPLR> or <smartLicense>");
  }

  private static ReservedEntitlement entitlement(Element e) {
    EntitlementTag tag = field(() -> EntitlementTag.parse(text(child(e, "tag"))));
    long count = field(() -> Long.parseLong(text(child(e, "count"))));
    String start = text(child(e, "startDate"));
    String end = text(child(e, "endDate"));
    LicenseTerm term =
        start.isEmpty() && end.isEmpty()
            ? LicenseTerm.perpetual()
            : field(() -> LicenseTerm.term(Instant.parse(start), Instant.parse(end)));
    return field(
        () ->
            new ReservedEntitlement(
                tag,
                count,
                term,
                optionalText(e, "displayName"),
                optionalText(e, "tagDescription"),
                optionalText(e, "subscriptionID")));
  }

  private static Element child(Element parent, String name) {
    Element found = null;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el && el.getTagName().equals(name)) {
        if (found != null) {
          throw invalid("<" + parent.getTagName() + "> has more than one <" + name + ">");
        }
        found = el;
      }
    }
    if (found == null) {
      throw invalid("<" + parent.getTagName() + "> has no <" + name + ">");
    }
    return found;
  }

  private static String optionalText(Element parent, String name) {
    NodeList l = parent.getElementsByTagName(name);
    return l.getLength() == 0 ? "" : l.item(0).getTextContent().strip();
  }

  private static String text(Element e) {
    return e.getTextContent().strip();
  }

  private interface Field<T> {
    T get();
  }

  private static <T> T field(Field<T> f) {
    try {
      return f.get();
    } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
      throw invalid(e.getMessage());
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("The authorization code cannot be read: " + why);
  }

  @Override
  public String toString() {
    return "AuthorizationCode{"
        + type
        + ", "
        + udi.toCompactString()
        + ", "
        + entitlements.size()
        + " entitlements, "
        + timestamp
        + "}";
  }
}
