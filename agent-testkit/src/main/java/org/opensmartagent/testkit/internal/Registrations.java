package org.opensmartagent.testkit.internal;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.identity.Csr;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.transport.DeregisterRequest;
import org.opensmartagent.core.transport.DeregisterResponse;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.RenewIdRequest;
import org.opensmartagent.core.transport.RenewIdResponse;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.testkit.LicenseGrant;

/**
 * Registration, ID certificate renewal and deregistration on a {@link ServerState}. Not
 * thread-safe: {@link LicenseService} calls it under its lock.
 */
final class Registrations {
  private final ServerState state;
  private final ServerPki pki;
  private final SecureRandom random;
  private final int instanceLimit;

  Registrations(ServerState state, ServerPki pki, SecureRandom random, int instanceLimit) {
    this.state = state;
    this.pki = pki;
    this.random = random;
    this.instanceLimit = instanceLimit;
  }

  ServerReply<RegisterResponse> register(RegisterRequest request, Csr csr, Instant now) {
    Optional<Token> found = state.findToken(request.token());
    if (found.isEmpty()) {
      return Replies.reject(RejectReason.TOKEN_INVALID, "no such registration token");
    }
    Token token = found.get();
    Optional<ServerReply<RegisterResponse>> unusable = unusable(token, now);
    if (unusable.isPresent()) {
      return unusable.get();
    }
    VirtualAccount va = state.virtualAccount(token.virtualAccount());
    String udi = request.udis().get(0).toString();
    Optional<ProductInstance> existing = state.instanceOfUdi(udi);
    if (existing.isPresent() && !request.force()) {
      return Replies.reject(
          RejectReason.ALREADY_REGISTERED,
          udi + " is registered as product instance " + existing.get().id());
    }
    long counted = state.instanceCount(va.smartAccount()) - (existing.isPresent() ? 1 : 0);
    if (counted >= instanceLimit) {
      return Replies.reject(
          RejectReason.INSTANCE_LIMIT_REACHED,
          "smart account " + va.smartAccount() + " has " + counted + " of " + instanceLimit);
    }
    X509Certificate cert;
    try {
      cert = pki.issue(csr.encoded(), now);
    } catch (IdentityException e) {
      return Replies.reject(RejectReason.BAD_REQUEST, "the CSR was refused: " + e.getMessage());
    }
    existing.ifPresent(state::removeInstance);
    ProductInstance instance =
        new ProductInstance(
            newId(),
            udi,
            va.name(),
            csr.publicKey().getEncoded(),
            now,
            cert.getNotAfter().toInstant());
    state.addInstance(instance);
    token.use();
    state.touch(token);
    return ServerReply.accepted(
        new RegisterResponse(
            instance.id(),
            va.smartAccount(),
            va.name(),
            token.spec().exportControlled(),
            pki.idChain(cert),
            cert.getNotBefore().toInstant(),
            cert.getNotAfter().toInstant(),
            convert(udi, va, request.classicLicenses()),
            request.nonce(),
            now));
  }

  ServerReply<RenewIdResponse> renew(RenewIdRequest request, X509Certificate device, Instant now) {
    ServerReply<ProductInstance> found =
        Replies.instance(state, request.productInstanceId(), device);
    if (!found.isAccepted()) {
      return Replies.forward(found);
    }
    ProductInstance instance = found.body();
    X509Certificate cert;
    try {
      Csr csr = Csr.parse(request.csr());
      if (!instance.hasKey(csr.publicKey().getEncoded())) {
        return Replies.reject(
            RejectReason.CERTIFICATE_INVALID,
            "the CSR is for another key than the one product instance "
                + instance.id()
                + " registered with");
      }
      cert = pki.issue(csr.encoded(), now);
    } catch (IdentityException e) {
      return Replies.reject(RejectReason.BAD_REQUEST, "the CSR was refused: " + e.getMessage());
    }
    instance.renewed(cert.getNotAfter().toInstant());
    state.touch(instance);
    return ServerReply.accepted(
        new RenewIdResponse(
            pki.idChain(cert),
            cert.getNotBefore().toInstant(),
            cert.getNotAfter().toInstant(),
            request.nonce(),
            now));
  }

  ServerReply<DeregisterResponse> deregister(
      DeregisterRequest request, X509Certificate device, Instant now) {
    ServerReply<ProductInstance> found =
        Replies.instance(state, request.productInstanceId(), device);
    if (!found.isAccepted()) {
      return Replies.forward(found);
    }
    state.removeInstance(found.body());
    return ServerReply.accepted(new DeregisterResponse(request.nonce(), now));
  }

  private static Optional<ServerReply<RegisterResponse>> unusable(Token token, Instant now) {
    if (!now.isBefore(token.expiresAt())) {
      return Optional.of(
          Replies.reject(
              RejectReason.TOKEN_EXPIRED,
              "the registration token expired at " + token.expiresAt()));
    }
    if (token.revoked()) {
      return Optional.of(
          Replies.reject(RejectReason.TOKEN_REVOKED, "the registration token was revoked"));
    }
    if (token.uses() >= token.spec().maxUses()) {
      return Optional.of(
          Replies.reject(
              RejectReason.TOKEN_USED_UP,
              "the registration token was used "
                  + token.uses()
                  + " of "
                  + token.spec().maxUses()
                  + " times"));
    }
    return Optional.empty();
  }

  /**
   * Device Led Conversion: each classic license becomes one perpetual license in the pool, once per
   * primary UDI (a forced re-registration does not convert again). Returns every reported tag,
   * since all of them are converted now.
   */
  private List<EntitlementTag> convert(String udi, VirtualAccount va, List<EntitlementTag> tags) {
    List<EntitlementTag> converted = new ArrayList<>();
    for (EntitlementTag tag : tags) {
      if (state.convert(udi, tag)) {
        state.addGrant(va, LicenseGrant.perpetual(tag, 1));
      }
      converted.add(tag);
    }
    return converted;
  }

  private String newId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[i] & 0xff);
      lo = (lo << 8) | (b[i + 8] & 0xff);
    }
    return new UUID(hi, lo).toString();
  }
}
