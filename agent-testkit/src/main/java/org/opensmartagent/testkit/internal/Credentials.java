package org.opensmartagent.testkit.internal;

import java.io.IOException;
import java.security.SecureRandom;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.internal.pki.Credential;

/**
 * Rebuilds a core {@link Credential} from a stored key pair and certificate, so a server restored
 * from its state file keeps its PKI.
 */
public final class Credentials {
  private Credentials() {}

  /** Encodes {@code credential} as its PKCS#8 private key, public key and certificate DER. */
  public static StoredCredential store(Credential credential) {
    return new StoredCredential(
        credential.keys().encodedPrivateKey(),
        credential.keys().encodedPublicKey(),
        credential.encoded());
  }

  /**
   * Restores a credential.
   *
   * @throws IllegalArgumentException if the keys or certificate are corrupt
   */
  public static Credential restore(
      StoredCredential stored, LicensingEnvironment environment, SecureRandom random) {
    try {
      DeviceKeys keys = DeviceKeys.decode(stored.privateKey(), stored.publicKey(), random);
      return Credential.restore(keys, stored.certificate(), environment);
    } catch (IdentityException | IOException e) {
      throw new IllegalArgumentException(
          "the state file holds a corrupt key or certificate: " + e.getMessage(), e);
    }
  }

  /** A credential as bytes: PKCS#8 private key, SubjectPublicKeyInfo, certificate DER. */
  public record StoredCredential(byte[] privateKey, byte[] publicKey, byte[] certificate) {}
}
