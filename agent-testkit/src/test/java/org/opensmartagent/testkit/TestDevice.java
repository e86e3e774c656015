package org.opensmartagent.testkit;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.ChainValidator;
import org.opensmartagent.core.identity.Csr;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.KeyAlgorithm;
import org.opensmartagent.core.protocol.Decoded;
import org.opensmartagent.core.protocol.MessageSigning;
import org.opensmartagent.core.protocol.ProtocolCodec;
import org.opensmartagent.core.protocol.ProtocolException;
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
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.Transports;

/**
 * A hand-built device for tests: signs requests with its own key (the CSR key for registration, the
 * ID certificate otherwise), sends them over the real agent channel, and checks every answer's
 * signing chain against the server's pinned root and its signature before decoding it.
 */
final class TestDevice implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  final String udi;
  final DeviceKeys keys;
  private final MessageChannel channel;
  private final ChainValidator validator;
  private final Clock clock;
  private int nonces;
  String instanceId = "";
  List<byte[]> idChain = List.of();

  TestDevice(MockLicenseServer server, TransportKind kind, String udi, Clock clock) {
    this(server, kind, udi, clock, DeviceKeys.generate(KeyAlgorithm.EC_P256, RANDOM));
  }

  private TestDevice(
      MockLicenseServer server, TransportKind kind, String udi, Clock clock, DeviceKeys keys) {
    this.udi = udi;
    this.keys = keys;
    this.channel = Transports.channel(server.transportSettings(kind));
    this.validator = new ChainValidator(server.pinnedRoot());
    this.clock = clock;
  }

  Decoded<RegisterResponse> register(String token, boolean force, EntitlementTag... classic)
      throws Exception {
    RegisterRequest request = registerRequest(token, force, classic);
    SignedMessage message =
        MessageSigning.sign(
            MessageType.REGISTER_REQUEST, ProtocolCodec.encode(request), keys, List.of());
    Decoded<RegisterResponse> answer =
        ProtocolCodec.decodeRegisterResponse(exchange(message).payload());
    if (answer.reply().isAccepted()) {
      instanceId = answer.reply().body().productInstanceId();
      idChain = answer.reply().body().idCertificateChain();
    }
    return answer;
  }

  RegisterRequest registerRequest(String token, boolean force, EntitlementTag... classic)
      throws IdentityException {
    return new RegisterRequest(
        token,
        List.of(Udi.parse(udi)),
        java.util.Optional.empty(),
        nonce(),
        java.util.Optional.empty(),
        java.util.Optional.of("test"),
        List.of(classic),
        Csr.create(keys, udi, List.of()),
        force);
  }

  /** The same device (keys, instance, ID certificate) talking to {@code server}. */
  TestDevice moveTo(MockLicenseServer server, TransportKind kind) {
    TestDevice moved = new TestDevice(server, kind, udi, clock, keys);
    moved.instanceId = instanceId;
    moved.idChain = idChain;
    return moved;
  }

  Decoded<RegisterResponse> register(String token) throws Exception {
    return register(token, false);
  }

  Decoded<AuthorizeResponse> authorize(EntitlementRequest... usage) throws Exception {
    AuthorizeRequest request = new AuthorizeRequest(instanceId, nonce(), List.of(usage));
    return ProtocolCodec.decodeAuthorizeResponse(
        exchange(signed(MessageType.AUTHORIZE_REQUEST, ProtocolCodec.encode(request))).payload());
  }

  Decoded<RenewIdResponse> renew(DeviceKeys csrKeys) throws Exception {
    RenewIdRequest request =
        new RenewIdRequest(instanceId, nonce(), Csr.create(csrKeys, udi, List.of()));
    Decoded<RenewIdResponse> answer =
        ProtocolCodec.decodeRenewIdResponse(
            exchange(signed(MessageType.RENEW_ID_REQUEST, ProtocolCodec.encode(request)))
                .payload());
    if (answer.reply().isAccepted()) {
      idChain = answer.reply().body().idCertificateChain();
    }
    return answer;
  }

  Decoded<DeregisterResponse> deregister() throws Exception {
    DeregisterRequest request = new DeregisterRequest(instanceId, nonce());
    return ProtocolCodec.decodeDeregisterResponse(
        exchange(signed(MessageType.DEREGISTER_REQUEST, ProtocolCodec.encode(request))).payload());
  }

  /** Signs with the device key, carrying the ID certificate (the leaf of the ID chain). */
  SignedMessage signed(MessageType type, byte[] payload) {
    return MessageSigning.sign(type, payload, keys, List.of(idChain.get(0)));
  }

  /** Sends a message and returns the answer after checking its chain and signature. */
  SignedMessage exchange(SignedMessage message) throws TransportException, IdentityException {
    SignedMessage answer = channel.exchange(message);
    X509Certificate signer =
        validator.validateSigningChain(answer.certificateChain(), clock.instant());
    MessageSigning.verify(answer, signer.getPublicKey());
    return answer;
  }

  AuthorizeRequest authorizeRequest(EntitlementRequest... usage) {
    return new AuthorizeRequest(instanceId, nonce(), List.of(usage));
  }

  static Decoded<AuthorizeResponse> decodeAuthorize(SignedMessage answer) throws ProtocolException {
    return ProtocolCodec.decodeAuthorizeResponse(answer.payload());
  }

  String nonce() {
    return "n" + (++nonces);
  }

  @Override
  public void close() {
    channel.close();
  }
}
