package org.opensmartagent.core.identity;

/** The key pair types a device may hold, each with the signature algorithm it signs with. */
public enum KeyAlgorithm {
  /** NIST P-256 (secp256r1) signing with SHA256withECDSA. The default. */
  EC_P256("EC", "SHA256withECDSA"),
  /** RSA with a 2048-bit modulus signing with SHA256withRSA (PKCS#1 v1.5). */
  RSA_2048("RSA", "SHA256withRSA");

  /** The algorithm devices use unless the firmware asks for another. */
  public static final KeyAlgorithm DEFAULT = EC_P256;

  private final String keyAlgorithm;
  private final String signatureAlgorithm;

  KeyAlgorithm(String keyAlgorithm, String signatureAlgorithm) {
    this.keyAlgorithm = keyAlgorithm;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** The JCA key algorithm name, {@code "EC"} or {@code "RSA"}. */
  public String keyAlgorithm() {
    return keyAlgorithm;
  }

  /** The JCA signature algorithm name, for example {@code "SHA256withECDSA"}. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }
}
