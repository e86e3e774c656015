package org.opensmartagent.testkit.internal;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import org.opensmartagent.core.identity.Csr;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.protocol.MessageSigning;
import org.opensmartagent.core.protocol.ProtocolCodec;
import org.opensmartagent.core.protocol.ProtocolException;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.DeregisterRequest;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.RenewIdRequest;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.core.transport.SignedMessage;

/**
 * Answers one signed request with one signed answer, using the shared {@link ProtocolCodec}. A
 * registration must be signed by the key in its CSR; every other request by the device ID
 * certificate it carries, which this server must have issued. A bad signature or certificate is
 * answered with a CERTIFICATE_INVALID rejection; a request that cannot be decoded (so has no nonce
 * to echo) is a {@link BadRequestException}. Thread-safe.
 */
public final class ProtocolHandler {
  private final LicenseService service;

  public ProtocolHandler(LicenseService service) {
    this.service = Objects.requireNonNull(service, "service == null");
  }

  public SignedMessage handle(SignedMessage request) throws BadRequestException {
    Objects.requireNonNull(request, "request == null");
    try {
      return switch (request.type()) {
        case REGISTER_REQUEST -> register(request);
        case AUTHORIZE_REQUEST -> authorize(request);
        case RENEW_ID_REQUEST -> renew(request);
        case DEREGISTER_REQUEST -> deregister(request);
        default ->
            throw new BadRequestException(
                request.type() + " is an answer, not a request; send a *_REQUEST message");
      };
    } catch (ProtocolException e) {
      throw new BadRequestException("the payload cannot be decoded: " + e.getMessage(), e);
    }
  }

  private SignedMessage register(SignedMessage message) throws ProtocolException {
    RegisterRequest request = ProtocolCodec.decodeRegisterRequest(message.payload());
    Csr csr;
    try {
      csr = Csr.parse(request.csr());
    } catch (IdentityException e) {
      return reject(MessageType.REGISTER_RESPONSE, RejectReason.BAD_REQUEST, e, request.nonce());
    }
    try {
      MessageSigning.verify(message, csr.publicKey());
    } catch (IdentityException e) {
      return reject(
          MessageType.REGISTER_RESPONSE, RejectReason.CERTIFICATE_INVALID, e, request.nonce());
    }
    var reply = service.register(request, csr);
    if (!reply.isAccepted()) {
      return rejection(MessageType.REGISTER_RESPONSE, reply, request.nonce(), Optional.empty());
    }
    return sign(MessageType.REGISTER_RESPONSE, ProtocolCodec.encode(reply.body()));
  }

  private SignedMessage authorize(SignedMessage message) throws ProtocolException {
    AuthorizeRequest request = ProtocolCodec.decodeAuthorizeRequest(message.payload());
    String id = request.productInstanceId();
    MessageType type = MessageType.AUTHORIZE_RESPONSE;
    Optional<X509Certificate> device = device(message);
    if (device.isEmpty()) {
      return untrusted(type, request.nonce(), id);
    }
    var reply = service.authorize(request, device.get());
    return reply.isAccepted()
        ? sign(type, ProtocolCodec.encode(reply.body(), id))
        : rejection(type, reply, request.nonce(), Optional.of(id));
  }

  private SignedMessage renew(SignedMessage message) throws ProtocolException {
    RenewIdRequest request = ProtocolCodec.decodeRenewIdRequest(message.payload());
    String id = request.productInstanceId();
    MessageType type = MessageType.RENEW_ID_RESPONSE;
    Optional<X509Certificate> device = device(message);
    if (device.isEmpty()) {
      return untrusted(type, request.nonce(), id);
    }
    var reply = service.renew(request, device.get());
    return reply.isAccepted()
        ? sign(type, ProtocolCodec.encode(reply.body(), id))
        : rejection(type, reply, request.nonce(), Optional.of(id));
  }

  private SignedMessage deregister(SignedMessage message) throws ProtocolException {
    DeregisterRequest request = ProtocolCodec.decodeDeregisterRequest(message.payload());
    String id = request.productInstanceId();
    MessageType type = MessageType.DEREGISTER_RESPONSE;
    Optional<X509Certificate> device = device(message);
    if (device.isEmpty()) {
      return untrusted(type, request.nonce(), id);
    }
    var reply = service.deregister(request, device.get());
    return reply.isAccepted()
        ? sign(type, ProtocolCodec.encode(reply.body(), id))
        : rejection(type, reply, request.nonce(), Optional.of(id));
  }

  /** The device certificate, if this server issued it and it signed the message. */
  private Optional<X509Certificate> device(SignedMessage message) {
    try {
      X509Certificate cert =
          service.pki().checkDeviceCertificate(message.certificateChain(), service.clock().now());
      MessageSigning.verify(message, cert.getPublicKey());
      return Optional.of(cert);
    } catch (IdentityException e) {
      return Optional.empty();
    }
  }

  private SignedMessage untrusted(MessageType type, String nonce, String id) {
    return sign(
        type,
        ProtocolCodec.encodeRejection(
            type,
            RejectReason.CERTIFICATE_INVALID,
            "the request's signature or ID certificate was refused",
            nonce,
            service.clock().now(),
            Optional.of(id)));
  }

  private SignedMessage reject(
      MessageType type, RejectReason reason, IdentityException e, String nonce) {
    return sign(
        type,
        ProtocolCodec.encodeRejection(
            type, reason, e.getMessage(), nonce, service.clock().now(), Optional.empty()));
  }

  private SignedMessage rejection(
      MessageType type, ServerReply<?> reply, String nonce, Optional<String> id) {
    ServerReply.Rejection r = reply.rejection().orElseThrow();
    return sign(
        type,
        ProtocolCodec.encodeRejection(
            type, r.reason(), r.serverMessage(), nonce, service.clock().now(), id));
  }

  /** Signs an answer payload with the server's signing key. */
  public SignedMessage sign(MessageType type, byte[] payload) {
    return service.pki().sign(type, payload);
  }
}
