package org.opensmartagent.core.internal.wire;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.opensmartagent.core.identity.ChainValidator;
import org.opensmartagent.core.identity.Csr;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.PinnedRoot;
import org.opensmartagent.core.internal.Responses;
import org.opensmartagent.core.protocol.Decoded;
import org.opensmartagent.core.protocol.MessageSigning;
import org.opensmartagent.core.protocol.ProtocolCodec;
import org.opensmartagent.core.protocol.ProtocolException;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.AuthorizeResponse;
import org.opensmartagent.core.transport.DeregisterRequest;
import org.opensmartagent.core.transport.DeregisterResponse;
import org.opensmartagent.core.transport.LicensingTransport;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.RenewIdRequest;
import org.opensmartagent.core.transport.RenewIdResponse;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.core.transport.TransportException.Kind;

/**
 * The protocol over a {@link MessageChannel}: encodes each request with {@link ProtocolCodec},
 * signs it with the current {@link SigningIdentity}, and accepts an answer only after its signing
 * chain validates against the pinned root, its signature matches, it is of the expected type and
 * echoes the nonce and product instance, and any ID certificate it carries chains to the root and
 * certifies the device's own key. Anything else is an untrusted answer: a retryable {@link
 * TransportException} that applies nothing.
 */
public final class SignedTransport implements LicensingTransport {
  /**
   * The total deadline of every exchange, however slowly the answer arrives; shorter than the time
   * an operator operation waits behind the one in progress.
   */
  public static final Duration DEADLINE = Duration.ofSeconds(60);

  private final MessageChannel channel;
  private final ChainValidator validator;
  private final Clock clock;
  private final Supplier<SigningIdentity> signer;
  private final Duration skewTolerance;
  private volatile Optional<ValidatedChain> lastChain = Optional.empty();

  public SignedTransport(
      MessageChannel channel,
      PinnedRoot root,
      Clock clock,
      Duration skewTolerance,
      Supplier<SigningIdentity> signer) {
    this.channel = channel;
    this.skewTolerance = skewTolerance;
    this.validator = new ChainValidator(root);
    this.clock = clock;
    this.signer = signer;
  }

  @Override
  public ServerReply<RegisterResponse> register(RegisterRequest r) throws TransportException {
    byte[] answer =
        exchange(
            MessageType.REGISTER_REQUEST, ProtocolCodec.encode(r), MessageType.REGISTER_RESPONSE);
    Decoded<RegisterResponse> d = decode(() -> ProtocolCodec.decodeRegisterResponse(answer));
    echoes(d, r.nonce(), Optional.empty());
    if (d.reply().isAccepted()) {
      RegisterResponse body = d.reply().body();
      X509Certificate id = idCertificate(body.idCertificateChain(), r.csr());
      return ServerReply.accepted(
          new RegisterResponse(
              body.productInstanceId(),
              body.smartAccount(),
              body.virtualAccount(),
              body.exportControlled(),
              body.idCertificateChain(),
              id.getNotBefore().toInstant(),
              id.getNotAfter().toInstant(),
              body.convertedLicenses(),
              body.nonce(),
              body.serverTime()));
    }
    return d.reply();
  }

  @Override
  public ServerReply<AuthorizeResponse> authorize(AuthorizeRequest r) throws TransportException {
    byte[] answer =
        exchange(
            MessageType.AUTHORIZE_REQUEST, ProtocolCodec.encode(r), MessageType.AUTHORIZE_RESPONSE);
    Decoded<AuthorizeResponse> d = decode(() -> ProtocolCodec.decodeAuthorizeResponse(answer));
    echoes(d, r.nonce(), Optional.of(r.productInstanceId()));
    return d.reply();
  }

  @Override
  public ServerReply<RenewIdResponse> renewId(RenewIdRequest r) throws TransportException {
    byte[] answer =
        exchange(
            MessageType.RENEW_ID_REQUEST, ProtocolCodec.encode(r), MessageType.RENEW_ID_RESPONSE);
    Decoded<RenewIdResponse> d = decode(() -> ProtocolCodec.decodeRenewIdResponse(answer));
    echoes(d, r.nonce(), Optional.of(r.productInstanceId()));
    if (d.reply().isAccepted()) {
      RenewIdResponse body = d.reply().body();
      X509Certificate id = idCertificate(body.idCertificateChain(), r.csr());
      return ServerReply.accepted(
          new RenewIdResponse(
              body.idCertificateChain(),
              id.getNotBefore().toInstant(),
              id.getNotAfter().toInstant(),
              body.nonce(),
              body.serverTime()));
    }
    return d.reply();
  }

  @Override
  public ServerReply<DeregisterResponse> deregister(DeregisterRequest r) throws TransportException {
    byte[] answer =
        exchange(
            MessageType.DEREGISTER_REQUEST,
            ProtocolCodec.encode(r),
            MessageType.DEREGISTER_RESPONSE);
    Decoded<DeregisterResponse> d = decode(() -> ProtocolCodec.decodeDeregisterResponse(answer));
    echoes(d, r.nonce(), Optional.of(r.productInstanceId()));
    return d.reply();
  }

  @Override
  public String description() {
    return channel.description();
  }

  /** Signs and sends; returns the verified payload of an answer of the expected type. */
  private byte[] exchange(MessageType type, byte[] payload, MessageType expected)
      throws TransportException {
    SigningIdentity id = signer.get();
    SignedMessage answer =
        channel.exchange(MessageSigning.sign(type, payload, id.keys(), id.chain()), DEADLINE);
    verifySignature(answer);
    if (answer.type() == MessageType.TRY_AGAIN_LATER) {
      throw TransportException.tryAgainLater(
          decode(() -> ProtocolCodec.decodeTryAgainLater(answer.payload())));
    }
    if (answer.type() != expected) {
      throw untrusted("the license server answered a " + type + " with a " + answer.type());
    }
    return answer.payload();
  }

  private void verifySignature(SignedMessage answer) throws TransportException {
    try {
      X509Certificate signing = signingCertificate(answer.certificateChain());
      MessageSigning.verify(answer, signing.getPublicKey());
    } catch (IdentityException e) {
      throw untrusted("the license server's answer failed verification: " + e.getMessage());
    }
  }

  /**
   * The validated signing certificate of an answer's chain. The server sends the same chain every
   * time, so the last one validated is remembered by its exact bytes; a cached chain is still
   * checked against the time, and every answer's own signature is always verified.
   */
  private X509Certificate signingCertificate(List<byte[]> chain) throws IdentityException {
    Optional<ValidatedChain> cached = lastChain;
    Instant now = clock.instant();
    if (cached.isPresent() && cached.get().matches(chain) && cached.get().validAt(now)) {
      return cached.get().signer();
    }
    X509Certificate signer = validator.validateSigningChain(chain, now);
    lastChain = Optional.of(ValidatedChain.of(chain, signer));
    return signer;
  }

  private X509Certificate idCertificate(List<byte[]> chain, byte[] csr) throws TransportException {
    try {
      X509Certificate leaf = validator.validateNodeChain(chain, clock.instant());
      byte[] requested = Csr.parse(csr).publicKey().getEncoded();
      if (!Arrays.equals(leaf.getPublicKey().getEncoded(), requested)) {
        throw untrusted("the ID certificate the server issued is not for this device's key");
      }
      return leaf;
    } catch (IdentityException e) {
      throw untrusted("the ID certificate failed verification: " + e.getMessage());
    }
  }

  private void echoes(Decoded<?> d, String nonce, Optional<String> productInstance)
      throws TransportException {
    Responses.checkClock(clock.instant(), d.serverTime(), skewTolerance);
    if (!d.nonce().equals(nonce)) {
      throw untrusted("the answer does not echo this request's nonce (replayed or misrouted)");
    }
    if (productInstance.isPresent() && !d.productInstanceId().equals(productInstance)) {
      throw untrusted(
          "the answer is for product instance "
              + d.productInstanceId().orElse("(none)")
              + ", not "
              + productInstance.get());
    }
  }

  @FunctionalInterface
  private interface Decode<T> {
    T run() throws ProtocolException;
  }

  private static <T> T decode(Decode<T> d) throws TransportException {
    try {
      return d.run();
    } catch (ProtocolException e) {
      throw new TransportException(
          Kind.MALFORMED_RESPONSE,
          "the license server's answer is malformed: " + e.getMessage(),
          e);
    }
  }

  private static TransportException untrusted(String why) {
    return new TransportException(Kind.UNTRUSTED_RESPONSE, "Untrusted answer: " + why);
  }
}
