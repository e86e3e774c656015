package org.opensmartagent.core.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.AuthorizeResponse;
import org.opensmartagent.core.transport.DeregisterRequest;
import org.opensmartagent.core.transport.DeregisterResponse;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.RenewIdRequest;
import org.opensmartagent.core.transport.RenewIdResponse;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.Verdict;

/**
 * Encodes and decodes the canonical payload of every protocol message. Decoding is strict about
 * what it needs (a missing, repeated or malformed field is a {@link ProtocolException} naming it)
 * and ignores fields it does not know. Stateless and thread-safe.
 */
public final class ProtocolCodec {
  /** The message version this codec writes; it reads any 1.x. */
  public static final String VERSION = SignedMessage.CURRENT_VERSION;

  /**
   * What this agent can do, sent at registration: Device Led Conversion, export-controlled tokens,
   * and understanding the server's "try again later".
   */
  public static final List<String> AGENT_CAPABILITIES = List.of("DLC", "EXPORT_2", "OK_TRY_AGAIN");

  private ProtocolCodec() {}

  // ---- requests --------------------------------------------------------------------------

  public static byte[] encode(RegisterRequest r) {
    Fields f = new Fields(MessageType.REGISTER_REQUEST, VERSION);
    f.put("nonce", r.nonce());
    AGENT_CAPABILITIES.forEach(c -> f.put("capability", c));
    r.udis().forEach(u -> f.put("udi", u.toString()));
    r.softwareTag().ifPresent(t -> f.put("software-tag", t.value()));
    f.putOptional("hostname", r.hostname());
    f.putOptional("agent-version", r.agentVersion());
    r.classicLicenses().forEach(t -> f.put("classic-license", t.value()));
    f.put("token", r.token());
    f.put("csr", r.csr());
    f.put("force", Boolean.toString(r.force()));
    return f.encode();
  }

  public static RegisterRequest decodeRegisterRequest(byte[] payload) throws ProtocolException {
    Fields f = expect(payload, MessageType.REGISTER_REQUEST);
    List<Udi> udis = new ArrayList<>();
    for (String u : f.all("udi")) {
      udis.add(parse(() -> Udi.parse(u), "udi"));
    }
    if (udis.isEmpty()) {
      throw new ProtocolException("REGISTER_REQUEST has no 'udi' field");
    }
    Optional<String> tag = f.optional("software-tag");
    return new RegisterRequest(
        f.one("token"),
        udis,
        tag.isPresent() ? Optional.of(tag(tag.get())) : Optional.empty(),
        f.one("nonce"),
        f.optional("hostname"),
        f.optional("agent-version"),
        tags(f.all("classic-license")),
        f.bytes(f.one("csr"), "csr"),
        bool(f.optional("force").orElse("false"), "force"));
  }

  public static byte[] encode(AuthorizeRequest r) {
    Fields f = new Fields(MessageType.AUTHORIZE_REQUEST, VERSION);
    f.put("nonce", r.nonce());
    f.put("product-instance", r.productInstanceId());
    r.usage().forEach(u -> f.put("usage", u.tag().value() + " " + u.count() + " " + u.unit()));
    return f.encode();
  }

  public static AuthorizeRequest decodeAuthorizeRequest(byte[] payload) throws ProtocolException {
    Fields f = expect(payload, MessageType.AUTHORIZE_REQUEST);
    List<EntitlementRequest> usage = new ArrayList<>();
    for (String u : f.all("usage")) {
      String[] p = u.split(" ", -1);
      if (p.length != 3) {
        throw new ProtocolException("'usage' must be '<tag> <count> <UNIT>' but was '" + u + "'");
      }
      usage.add(
          parse(
              () ->
                  new EntitlementRequest(
                      EntitlementTag.parse(p[0]), Long.parseLong(p[1]), CountUnit.valueOf(p[2])),
              "usage"));
    }
    return new AuthorizeRequest(f.one("product-instance"), f.one("nonce"), usage);
  }

  public static byte[] encode(RenewIdRequest r) {
    return new Fields(MessageType.RENEW_ID_REQUEST, VERSION)
        .put("nonce", r.nonce())
        .put("product-instance", r.productInstanceId())
        .put("csr", r.csr())
        .encode();
  }

  public static RenewIdRequest decodeRenewIdRequest(byte[] payload) throws ProtocolException {
    Fields f = expect(payload, MessageType.RENEW_ID_REQUEST);
    return new RenewIdRequest(
        f.one("product-instance"), f.one("nonce"), f.bytes(f.one("csr"), "csr"));
  }

  public static byte[] encode(DeregisterRequest r) {
    return new Fields(MessageType.DEREGISTER_REQUEST, VERSION)
        .put("nonce", r.nonce())
        .put("product-instance", r.productInstanceId())
        .encode();
  }

  public static DeregisterRequest decodeDeregisterRequest(byte[] payload) throws ProtocolException {
    Fields f = expect(payload, MessageType.DEREGISTER_REQUEST);
    return new DeregisterRequest(f.one("product-instance"), f.one("nonce"));
  }

  /** The type written in a payload's first line, without decoding the rest. */
  public static MessageType typeOf(byte[] payload) throws ProtocolException {
    return Fields.decode(payload).type();
  }

  // ---- answers ---------------------------------------------------------------------------

  public static byte[] encode(RegisterResponse r) {
    Fields f = accepted(MessageType.REGISTER_RESPONSE, r.nonce(), r.serverTime());
    f.put("product-instance", r.productInstanceId());
    f.put("smart-account", r.smartAccount());
    f.put("virtual-account", r.virtualAccount());
    f.put("export-controlled", Boolean.toString(r.exportControlled()));
    r.idCertificateChain().forEach(c -> f.put("id-certificate", c));
    f.put("id-cert-not-before", r.idCertNotBefore());
    f.put("id-cert-not-after", r.idCertNotAfter());
    r.convertedLicenses().forEach(t -> f.put("converted-license", t.value()));
    return f.encode();
  }

  public static Decoded<RegisterResponse> decodeRegisterResponse(byte[] payload)
      throws ProtocolException {
    Fields f = expect(payload, MessageType.REGISTER_RESPONSE);
    if (rejected(f)) {
      return rejection(f);
    }
    RegisterResponse r =
        new RegisterResponse(
            f.one("product-instance"),
            f.one("smart-account"),
            f.one("virtual-account"),
            bool(f.one("export-controlled"), "export-controlled"),
            certificates(f),
            f.instant("id-cert-not-before"),
            f.instant("id-cert-not-after"),
            tags(f.all("converted-license")),
            f.one("nonce"),
            f.instant("server-time"));
    return new Decoded<>(
        ServerReply.accepted(r), r.nonce(), r.serverTime(), Optional.of(r.productInstanceId()));
  }

  public static byte[] encode(AuthorizeResponse r, String productInstanceId) {
    Fields f = accepted(MessageType.AUTHORIZE_RESPONSE, r.nonce(), r.serverTime());
    f.put("product-instance", productInstanceId);
    f.put("authorized-until", r.authorizedUntil());
    r.verdicts()
        .forEach(
            v -> f.put("verdict", (v.tag().value() + " " + v.kind() + " " + v.reason()).strip()));
    return f.encode();
  }

  public static Decoded<AuthorizeResponse> decodeAuthorizeResponse(byte[] payload)
      throws ProtocolException {
    Fields f = expect(payload, MessageType.AUTHORIZE_RESPONSE);
    if (rejected(f)) {
      return rejection(f);
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (String v : f.all("verdict")) {
      String[] p = v.split(" ", 3);
      if (p.length < 2) {
        throw new ProtocolException(
            "'verdict' must be '<tag> <KIND> [reason]' but was '" + v + "'");
      }
      verdicts.add(
          parse(
              () ->
                  new Verdict(
                      EntitlementTag.parse(p[0]),
                      Verdict.Kind.valueOf(p[1]),
                      p.length == 3 ? p[2] : ""),
              "verdict"));
    }
    AuthorizeResponse r =
        new AuthorizeResponse(
            verdicts, f.instant("authorized-until"), f.one("nonce"), f.instant("server-time"));
    return new Decoded<>(
        ServerReply.accepted(r), r.nonce(), r.serverTime(), Optional.of(f.one("product-instance")));
  }

  public static byte[] encode(RenewIdResponse r, String productInstanceId) {
    Fields f = accepted(MessageType.RENEW_ID_RESPONSE, r.nonce(), r.serverTime());
    f.put("product-instance", productInstanceId);
    r.idCertificateChain().forEach(c -> f.put("id-certificate", c));
    f.put("id-cert-not-before", r.idCertNotBefore());
    f.put("id-cert-not-after", r.idCertNotAfter());
    return f.encode();
  }

  public static Decoded<RenewIdResponse> decodeRenewIdResponse(byte[] payload)
      throws ProtocolException {
    Fields f = expect(payload, MessageType.RENEW_ID_RESPONSE);
    if (rejected(f)) {
      return rejection(f);
    }
    RenewIdResponse r =
        new RenewIdResponse(
            certificates(f),
            f.instant("id-cert-not-before"),
            f.instant("id-cert-not-after"),
            f.one("nonce"),
            f.instant("server-time"));
    return new Decoded<>(
        ServerReply.accepted(r), r.nonce(), r.serverTime(), Optional.of(f.one("product-instance")));
  }

  public static byte[] encode(DeregisterResponse r, String productInstanceId) {
    return accepted(MessageType.DEREGISTER_RESPONSE, r.nonce(), r.serverTime())
        .put("product-instance", productInstanceId)
        .encode();
  }

  public static Decoded<DeregisterResponse> decodeDeregisterResponse(byte[] payload)
      throws ProtocolException {
    Fields f = expect(payload, MessageType.DEREGISTER_RESPONSE);
    if (rejected(f)) {
      return rejection(f);
    }
    DeregisterResponse r = new DeregisterResponse(f.one("nonce"), f.instant("server-time"));
    return new Decoded<>(
        ServerReply.accepted(r), r.nonce(), r.serverTime(), Optional.of(f.one("product-instance")));
  }

  /** A refusal, as an answer of {@code type}; nonce and time make it as fresh as any answer. */
  public static byte[] encodeRejection(
      MessageType type,
      RejectReason reason,
      String message,
      String nonce,
      Instant serverTime,
      Optional<String> productInstanceId) {
    return new Fields(type, VERSION)
        .put("status", "REJECTED")
        .put("nonce", nonce)
        .put("server-time", serverTime)
        .putOptional("product-instance", productInstanceId)
        .put("reason", reason.name())
        .put("message", message)
        .encode();
  }

  /** The server's "try again later", with the delay it asks for. */
  public static byte[] encodeTryAgainLater(Optional<Duration> retryAfter, String message) {
    return new Fields(MessageType.TRY_AGAIN_LATER, VERSION)
        .putOptional("retry-after-seconds", retryAfter.map(d -> Long.toString(d.toSeconds())))
        .put("message", message)
        .encode();
  }

  /** The delay asked for in a "try again later" payload. */
  public static Optional<Duration> decodeTryAgainLater(byte[] payload) throws ProtocolException {
    Fields f = expect(payload, MessageType.TRY_AGAIN_LATER);
    Optional<String> s = f.optional("retry-after-seconds");
    if (s.isEmpty()) {
      return Optional.empty();
    }
    long seconds = parse(() -> Long.parseLong(s.get()), "retry-after-seconds");
    if (seconds < 0 || seconds > Duration.ofDays(30).toSeconds()) {
      throw new ProtocolException("'retry-after-seconds' out of range: " + seconds);
    }
    return Optional.of(Duration.ofSeconds(seconds));
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static Fields expect(byte[] payload, MessageType type) throws ProtocolException {
    Fields f = Fields.decode(payload);
    if (f.type() != type) {
      throw new ProtocolException("expected a " + type + " message but got " + f.type());
    }
    if (!f.version().startsWith("1.")) {
      throw new ProtocolException(
          "message version " + f.version() + " is not supported; this agent speaks " + VERSION);
    }
    return f;
  }

  private static Fields accepted(MessageType type, String nonce, Instant serverTime) {
    return new Fields(type, VERSION)
        .put("status", "ACCEPTED")
        .put("nonce", nonce)
        .put("server-time", serverTime);
  }

  private static boolean rejected(Fields f) throws ProtocolException {
    String status = f.one("status");
    return switch (status) {
      case "ACCEPTED" -> false;
      case "REJECTED" -> true;
      default ->
          throw new ProtocolException("'status' must be ACCEPTED or REJECTED, not " + status);
    };
  }

  private static <T> Decoded<T> rejection(Fields f) throws ProtocolException {
    RejectReason reason;
    try {
      reason = RejectReason.valueOf(f.one("reason"));
    } catch (IllegalArgumentException e) {
      reason = RejectReason.OTHER; // a newer server's reason we do not know
    }
    return new Decoded<>(
        ServerReply.rejected(reason, f.optional("message").orElse("")),
        f.one("nonce"),
        f.instant("server-time"),
        f.optional("product-instance"));
  }

  private static List<byte[]> certificates(Fields f) throws ProtocolException {
    List<byte[]> chain = new ArrayList<>();
    for (String c : f.all("id-certificate")) {
      chain.add(f.bytes(c, "id-certificate"));
    }
    if (chain.isEmpty()) {
      throw new ProtocolException(f.type() + " has no 'id-certificate'");
    }
    return chain;
  }

  private static List<EntitlementTag> tags(List<String> values) throws ProtocolException {
    List<EntitlementTag> tags = new ArrayList<>();
    for (String v : values) {
      tags.add(tag(v));
    }
    return tags;
  }

  private static EntitlementTag tag(String v) throws ProtocolException {
    return parse(() -> EntitlementTag.parse(v), "tag");
  }

  private static boolean bool(String v, String name) throws ProtocolException {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ProtocolException("'" + name + "' must be true or false, not " + v);
    };
  }

  @FunctionalInterface
  private interface Parse<T> {
    T get();
  }

  private static <T> T parse(Parse<T> p, String field) throws ProtocolException {
    try {
      return p.get();
    } catch (RuntimeException e) {
      throw new ProtocolException("'" + field + "' is malformed: " + e.getMessage(), e);
    }
  }
}
