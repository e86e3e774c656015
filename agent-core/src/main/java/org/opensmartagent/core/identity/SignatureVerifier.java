package org.opensmartagent.core.identity;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.opensmartagent.core.identity.IdentityException.Reason;
import org.opensmartagent.core.identity.internal.KeyCodec;

/**
 * Verifies signatures made by a certificate's key: SHA256withECDSA (DER signature) for EC keys,
 * SHA256withRSA for RSA keys, using the BouncyCastle provider.
 *
 * <p>Style: a verification either returns normally (the signature is good) or throws {@link
 * IdentityException} with reason {@link Reason#SIGNATURE_VERIFICATION_FAILED}; there is no boolean
 * to forget to check. Malformed signatures are refused the same way. Stateless and thread-safe.
 * Checking that the certificate itself is trusted is {@link ChainValidator}'s job.
 */
public final class SignatureVerifier {
  private SignatureVerifier() {}

  /** Verifies that {@code signature} over {@code data} was made by {@code signer}'s key. */
  public static void verify(X509Certificate signer, byte[] data, byte[] signature)
      throws IdentityException {
    Objects.requireNonNull(signer, "signer == null");
    verify(signer.getPublicKey(), data, signature);
  }

  /**
   * Verifies that {@code signature} over {@code data} was made by the private half of {@code key}.
   */
  public static void verify(PublicKey key, byte[] data, byte[] signature) throws IdentityException {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(data, "data == null");
    Objects.requireNonNull(signature, "signature == null");
    String algorithm = signatureAlgorithmFor(key);
    boolean valid;
    try {
      valid = KeyCodec.verify(algorithm, key, data, signature);
    } catch (GeneralSecurityException e) {
      throw new IdentityException(
          Reason.SIGNATURE_VERIFICATION_FAILED,
          "the " + algorithm + " signature could not be checked with the signer's key",
          e);
    }
    if (!valid) {
      throw new IdentityException(
          Reason.SIGNATURE_VERIFICATION_FAILED,
          "the " + algorithm + " signature does not match the signed data");
    }
  }

  private static String signatureAlgorithmFor(PublicKey key) throws IdentityException {
    switch (key.getAlgorithm()) {
      case "EC":
      case "ECDSA":
        return KeyAlgorithm.EC_P256.signatureAlgorithm();
      case "RSA":
        return KeyAlgorithm.RSA_2048.signatureAlgorithm();
      default:
        throw new IdentityException(
            Reason.SIGNATURE_VERIFICATION_FAILED,
            "the signer's key type " + key.getAlgorithm() + " is neither EC nor RSA");
    }
  }
}
