package org.opensmartagent.core.internal;

import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.internal.wire.SigningIdentity;

/** Nonces, and the identity that signs the next request: a fresh key, or the ID certificate. */
final class Signing {
  private final EngineConfig config;
  private final Map<Registration, SigningIdentity> cache = new IdentityHashMap<>();

  Signing(EngineConfig config) {
    this.config = config;
  }

  /** Requests after registration are signed with the ID key and carry the ID certificate. */
  synchronized void withIdCertificate(AgentState s) {
    Registration r = s.reg.orElseThrow(() -> new IllegalStateException("not registered"));
    SigningIdentity id = cache.get(r);
    if (id == null) {
      id = new SigningIdentity(r.keys(config.secureRandom()), r.idCertificateChain());
      cache.clear();
      cache.put(r, id);
    }
    config.signer().set(id);
  }

  /** A registration request is signed with the new key it asks a certificate for. */
  void withNewKey(DeviceKeys keys) {
    config.signer().set(new SigningIdentity(keys, List.of()));
  }

  String nonce() {
    byte[] bytes = new byte[16];
    config.random().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
