package org.opensmartagent.core.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.IdentityException;

/**
 * What a successful registration left on the device: the instance identifier, accounts, export flag
 * and the ID certificate chain exactly as the server sent it. Immutable.
 */
record Registration(
    String productInstanceId,
    String smartAccount,
    String virtualAccount,
    boolean exportControlled,
    Instant initialRegistration,
    Instant idCertNotBefore,
    Instant idCertNotAfter,
    Instant lastIdRenewal,
    List<byte[]> idCertificateChain,
    byte[] privateKey,
    byte[] publicKey) {

  Registration {
    idCertificateChain = idCertificateChain.stream().map(byte[]::clone).toList();
    privateKey = privateKey.clone();
    publicKey = publicKey.clone();
  }

  /** The device key pair this registration's ID certificate certifies. */
  DeviceKeys keys(SecureRandom random) {
    try {
      return DeviceKeys.decode(privateKey, publicKey, random);
    } catch (IdentityException e) {
      throw new IllegalStateException("The stored device key is unusable: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "Registration{" + productInstanceId + ", idCert until " + idCertNotAfter + "}";
  }

  Registration renewed(Instant now, Instant notBefore, Instant notAfter, List<byte[]> chain) {
    return new Registration(
        productInstanceId,
        smartAccount,
        virtualAccount,
        exportControlled,
        initialRegistration,
        notBefore,
        notAfter,
        now,
        chain,
        privateKey,
        publicKey);
  }
}
