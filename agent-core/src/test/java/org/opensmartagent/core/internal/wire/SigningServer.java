package org.opensmartagent.core.internal.wire;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.PinnedRoot;
import org.opensmartagent.core.identity.internal.pki.CertificateIssuer;
import org.opensmartagent.core.identity.internal.pki.Credential;
import org.opensmartagent.core.protocol.MessageSigning;
import org.opensmartagent.core.protocol.ProtocolCodec;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.AuthorizeResponse;
import org.opensmartagent.core.transport.DeregisterRequest;
import org.opensmartagent.core.transport.DeregisterResponse;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.RenewIdRequest;
import org.opensmartagent.core.transport.RenewIdResponse;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.core.transport.Verdict;

/**
 * A license server in a {@link MessageChannel}, for core tests of the signed protocol: it decodes
 * with {@link ProtocolCodec}, issues real ID certificates and signs real answers, and a test can
 * tamper with the next answer on its way out.
 */
final class SigningServer implements MessageChannel {
  private final Clock clock;
  private final Credential root;
  private final Credential ca;
  private final Credential signer;
  private final CertificateIssuer issuer;
  private UnaryOperator<SignedMessage> tamper = UnaryOperator.identity();
  private String instance = "PI-1";
  private final List<SignedMessage> received = new java.util.ArrayList<>();
  private final List<byte[]> issued = new java.util.ArrayList<>();

  SigningServer(Clock clock, LicensingEnvironment environment) {
    this.clock = clock;
    this.issuer = new CertificateIssuer(new SecureRandom());
    Instant t = clock.instant().minus(Duration.ofDays(1));
    this.root = issuer.createRoot(environment, "Test Licensing Root", t, Duration.ofDays(3650));
    this.ca = issuer.createIssuingCa(root, "Test Issuing CA", t, Duration.ofDays(3650));
    this.signer = issuer.createSigningCertificate(ca, "Test Signing", t, Duration.ofDays(3650));
  }

  PinnedRoot pinnedRoot(LicensingEnvironment expected) throws Exception {
    return PinnedRoot.parse(root.encoded(), expected, clock.instant());
  }

  Credential issuingCa() {
    return ca;
  }

  /** Applies {@code change} to every answer from now on. */
  void tamper(UnaryOperator<SignedMessage> change) {
    tamper = change;
  }

  void answerForInstance(String pi) {
    instance = pi;
  }

  /** Every request received, in order. */
  List<SignedMessage> received() {
    return List.copyOf(received);
  }

  /** Every device (ID) certificate issued, in order, DER-encoded. */
  List<byte[]> issued() {
    return List.copyOf(issued);
  }

  @Override
  public SignedMessage exchange(SignedMessage request) throws TransportException {
    received.add(request);
    try {
      return tamper.apply(answer(request));
    } catch (TransportException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private SignedMessage answer(SignedMessage request) throws Exception {
    Instant now = clock.instant();
    byte[] p = request.payload();
    return switch (request.type()) {
      case REGISTER_REQUEST -> {
        RegisterRequest r = ProtocolCodec.decodeRegisterRequest(p);
        yield sign(
            MessageType.REGISTER_RESPONSE,
            ProtocolCodec.encode(
                new RegisterResponse(
                    instance,
                    "SA",
                    "VA",
                    false,
                    chain(r.csr(), now),
                    now,
                    now,
                    List.of(),
                    r.nonce(),
                    now)));
      }
      case AUTHORIZE_REQUEST -> {
        AuthorizeRequest r = ProtocolCodec.decodeAuthorizeRequest(p);
        List<Verdict> v =
            r.usage().stream()
                .map(EntitlementRequest::tag)
                .map(t -> new Verdict(t, Verdict.Kind.AUTHORIZED, ""))
                .toList();
        yield sign(
            MessageType.AUTHORIZE_RESPONSE,
            ProtocolCodec.encode(
                new AuthorizeResponse(v, now.plus(Duration.ofDays(90)), r.nonce(), now), instance));
      }
      case RENEW_ID_REQUEST -> {
        RenewIdRequest r = ProtocolCodec.decodeRenewIdRequest(p);
        yield sign(
            MessageType.RENEW_ID_RESPONSE,
            ProtocolCodec.encode(
                new RenewIdResponse(chain(r.csr(), now), now, now, r.nonce(), now), instance));
      }
      case DEREGISTER_REQUEST -> {
        DeregisterRequest r = ProtocolCodec.decodeDeregisterRequest(p);
        yield sign(
            MessageType.DEREGISTER_RESPONSE,
            ProtocolCodec.encode(new DeregisterResponse(r.nonce(), now), instance));
      }
      default -> throw new IllegalArgumentException(request.type().toString());
    };
  }

  SignedMessage tryAgainLater(Duration after) {
    return sign(
        MessageType.TRY_AGAIN_LATER, ProtocolCodec.encodeTryAgainLater(Optional.of(after), "busy"));
  }

  private List<byte[]> chain(byte[] csr, Instant now) throws Exception {
    byte[] device = issuer.issueDeviceCertificate(ca, csr, now).getEncoded();
    issued.add(device);
    return List.of(device, ca.encoded());
  }

  SignedMessage sign(MessageType type, byte[] payload) {
    return MessageSigning.sign(
        type, payload, signer.keys(), List.of(signer.encoded(), ca.encoded()));
  }

  @Override
  public String description() {
    return "in-memory signing test server";
  }
}
