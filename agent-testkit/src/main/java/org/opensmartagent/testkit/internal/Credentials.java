package org.opensmartagent.testkit.internal;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.security.SecureRandom;
import org.bouncycastle.cert.X509CertificateHolder;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.internal.pki.Credential;

/**
 * Rebuilds a core {@link Credential} from a stored key pair and certificate, so a server restored
 * from its state file keeps its PKI. Core offers no public factory for this yet, so this calls its
 * package-private constructor reflectively; replace it with a core factory when one exists.
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
      X509CertificateHolder holder = new X509CertificateHolder(stored.certificate());
      Constructor<Credential> constructor =
          Credential.class.getDeclaredConstructor(
              DeviceKeys.class, X509CertificateHolder.class, LicensingEnvironment.class);
      constructor.setAccessible(true);
      return constructor.newInstance(keys, holder, environment);
    } catch (IdentityException | IOException e) {
      throw new IllegalArgumentException(
          "the state file holds a corrupt key or certificate: " + e.getMessage(), e);
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
      throw new IllegalStateException(
          "this agent-core has no Credential(DeviceKeys, X509CertificateHolder,"
              + " LicensingEnvironment) constructor; upgrade agent-testkit with agent-core",
          cause);
    }
  }

  /** A credential as bytes: PKCS#8 private key, SubjectPublicKeyInfo, certificate DER. */
  public record StoredCredential(byte[] privateKey, byte[] publicKey, byte[] certificate) {}
}
