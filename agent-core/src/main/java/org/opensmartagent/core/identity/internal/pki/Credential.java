package org.opensmartagent.core.identity.internal.pki;

import java.io.IOException;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.internal.Certificates;

/**
 * A certificate with its key pair, as held by a CA or by the license server's signer. Immutable;
 * the keys object is thread-safe.
 */
public final class Credential {
  private final DeviceKeys keys;
  private final X509CertificateHolder holder;
  private final LicensingEnvironment environment;

  Credential(DeviceKeys keys, X509CertificateHolder holder, LicensingEnvironment environment) {
    this.keys = keys;
    this.holder = holder;
    this.environment = environment;
  }

  /**
   * Rebuilds a credential from its stored key pair and certificate (a server restored from its
   * state).
   *
   * @throws IOException if {@code certificateDer} is not a certificate
   */
  public static Credential restore(
      DeviceKeys keys, byte[] certificateDer, LicensingEnvironment environment) throws IOException {
    return new Credential(keys, new X509CertificateHolder(certificateDer), environment);
  }

  public DeviceKeys keys() {
    return keys;
  }

  public X509Certificate certificate() {
    return Certificates.toX509(holder);
  }

  /** The certificate's DER encoding; a fresh copy. */
  public byte[] encoded() {
    try {
      return holder.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("a built certificate cannot be encoded", e);
    }
  }

  public LicensingEnvironment environment() {
    return environment;
  }

  X509CertificateHolder holder() {
    return holder;
  }

  @Override
  public String toString() {
    return "Credential{" + holder.getSubject() + ", " + environment + "}";
  }
}
