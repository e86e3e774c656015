package org.opensmartagent.core.reservation;

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
import org.opensmartagent.core.internal.xml.XmlTree;

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
    XmlTree root;
    try {
      root = specificPlr(XmlTree.parse(t));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return field(
        () -> {
          XmlTree code = root.child("authorizationCode");
          int open = t.indexOf(OPEN);
          if (open < 0 || t.indexOf(CLOSE) < 0 || t.indexOf(OPEN, open + 1) >= 0) {
            throw new IllegalArgumentException(
                "<authorizationCode> must appear exactly once, written as issued");
          }
          List<ReservedEntitlement> entitlements = new ArrayList<>();
          for (XmlTree e : code.child("entitlements").all("entitlement")) {
            entitlements.add(entitlement(e));
          }
          return new AuthorizationCode(
              ReservationType.ofFlag(code.child("flag").text()),
              code.child("piid").text(),
              Instant.ofEpochMilli(Long.parseLong(code.child("timestamp").text())),
              entitlements,
              Udi.parse(root.child("udi").text()),
              base64(root.child("signature").text()),
              t.substring(
                  t.indexOf("<specificPLR>"),
                  t.indexOf("</specificPLR>") + "</specificPLR>".length()));
        });
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

  private static XmlTree specificPlr(XmlTree top) {
    if (top.name().equals("specificPLR")) {
      return top;
    }
    if (top.name().equals("smartLicense")) {
      return top.child("specificPLR");
    }
    throw new IllegalArgumentException(
        "the top element is <" + top.name() + ">, not <specificPLR> or <smartLicense>");
  }

  private static ReservedEntitlement entitlement(XmlTree e) {
    EntitlementTag tag = EntitlementTag.parse(e.child("tag").text());
    long count = Long.parseLong(e.child("count").text());
    String start = e.child("startDate").text();
    String end = e.child("endDate").text();
    LicenseTerm term =
        start.isEmpty() && end.isEmpty()
            ? LicenseTerm.perpetual()
            : LicenseTerm.term(Instant.parse(start), Instant.parse(end));
    return new ReservedEntitlement(
        tag,
        count,
        term,
        e.optionalText("displayName"),
        e.optionalText("tagDescription"),
        e.optionalText("subscriptionID"));
  }

  private static byte[] base64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("<signature> is not base64");
    }
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
