package org.opensmartagent.core.identity;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import org.opensmartagent.core.identity.IdentityException.Reason;

/**
 * Signs the device's outgoing messages with its {@link DeviceKeys}, paired with the ID certificate
 * the license server issued for those keys. Construction refuses a certificate issued for another
 * key. Immutable and thread-safe.
 */
public final class IdentitySigner {
  private final DeviceKeys keys;
  private final X509Certificate idCertificate;

  private IdentitySigner(DeviceKeys keys, X509Certificate idCertificate) {
    this.keys = keys;
    this.idCertificate = idCertificate;
  }

  /**
   * Pairs {@code keys} with {@code idCertificate}.
   *
   * @throws IdentityException with reason {@link Reason#KEY_INVALID} if the certificate certifies a
   *     different public key.
   */
  public static IdentitySigner of(DeviceKeys keys, X509Certificate idCertificate)
      throws IdentityException {
    Objects.requireNonNull(keys, "keys == null");
    Objects.requireNonNull(idCertificate, "idCertificate == null");
    byte[] certified = idCertificate.getPublicKey().getEncoded();
    if (!Arrays.equals(certified, keys.encodedPublicKey())) {
      throw new IdentityException(
          Reason.KEY_INVALID,
          "the ID certificate for "
              + idCertificate.getSubjectX500Principal().getName()
              + " certifies a different public key than the device's stored key pair");
    }
    return new IdentitySigner(keys, idCertificate);
  }

  /** Signs {@code data} with the device key; verify with {@link SignatureVerifier}. */
  public byte[] sign(byte[] data) {
    return keys.sign(data);
  }

  /** The JCA name of the signature algorithm, for example {@code "SHA256withECDSA"}. */
  public String signatureAlgorithm() {
    return keys.algorithm().signatureAlgorithm();
  }

  public X509Certificate idCertificate() {
    return idCertificate;
  }

  @Override
  public String toString() {
    return "IdentitySigner{"
        + idCertificate.getSubjectX500Principal().getName()
        + ", "
        + keys
        + "}";
  }
}
