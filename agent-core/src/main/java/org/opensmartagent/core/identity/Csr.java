package org.opensmartagent.core.identity;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.opensmartagent.core.identity.IdentityException.Reason;
import org.opensmartagent.core.identity.internal.CsrCodec;
import org.opensmartagent.core.identity.internal.KeyCodec;
import org.opensmartagent.core.identity.internal.UdiNames;

/**
 * A PKCS#10 certificate signing request for the device's ID certificate.
 *
 * <p>The subject is {@code CN=<primary UDI>} plus {@code serialNumber=<SN>} when the UDI has one.
 * Every UDI (the primary first, then those of HA peers or stack members) is also listed in a
 * requested subject-alternative-name extension as an {@code otherName} of type {@link
 * org.opensmartagent.core.identity.internal.LicensingOids#UDI_OTHER_NAME}. Instances are immutable.
 */
public final class Csr {
  private final String subjectUdi;
  private final List<String> udis;
  private final PublicKey publicKey;
  private final byte[] encoded;

  private Csr(String subjectUdi, List<String> udis, PublicKey publicKey, byte[] encoded) {
    this.subjectUdi = subjectUdi;
    this.udis = udis;
    this.publicKey = publicKey;
    this.encoded = encoded;
  }

  /**
   * Returns the DER encoding of a request for {@code keys}, signed with them.
   *
   * @param subjectCommonName the primary UDI text, for example {@code PID:ESA-C170,SN:FCH1234ABCD}
   * @param extraUdis UDIs of the other members of an HA pair or stack; empty for a single device
   * @throws IdentityException with reason {@link Reason#CSR_GENERATION_FAILED}
   */
  public static byte[] create(DeviceKeys keys, String subjectCommonName, List<String> extraUdis)
      throws IdentityException {
    Objects.requireNonNull(keys, "keys == null");
    List<String> udis = new ArrayList<>();
    udis.add(checkUdi(subjectCommonName, "subjectCommonName"));
    for (String udi : Objects.requireNonNull(extraUdis, "extraUdis == null")) {
      udis.add(checkUdi(udi, "extraUdis element"));
    }
    try {
      return CsrCodec.build(keys, udis).getEncoded();
    } catch (java.io.IOException e) {
      throw new IdentityException(
          Reason.CSR_GENERATION_FAILED, "the certificate signing request cannot be encoded", e);
    }
  }

  /**
   * Parses a DER request and verifies its self-signature.
   *
   * @throws IdentityException with reason {@link Reason#CSR_INVALID} if it is malformed, altered,
   *     carries an unsupported key type or no UDI.
   */
  public static Csr parse(byte[] der) throws IdentityException {
    Objects.requireNonNull(der, "der == null");
    PKCS10CertificationRequest request = CsrCodec.parseAndVerify(der);
    String subjectUdi = UdiNames.commonName(request.getSubject()).orElseThrow();
    try {
      byte[] keyInfo = request.getSubjectPublicKeyInfo().getEncoded();
      PublicKey key = KeyCodec.decodePublic(KeyCodec.algorithmOf(keyInfo), keyInfo);
      return new Csr(subjectUdi, List.copyOf(CsrCodec.udis(request)), key, der.clone());
    } catch (java.io.IOException | IdentityException e) {
      throw new IdentityException(
          Reason.CSR_INVALID, "the certificate signing request's public key cannot be decoded", e);
    }
  }

  /** The primary UDI, from the subject's common name. */
  public String subjectUdi() {
    return subjectUdi;
  }

  /** Every UDI in the request, the primary first. */
  public List<String> udis() {
    return udis;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The DER encoding; a fresh copy. */
  public byte[] encoded() {
    return encoded.clone();
  }

  @Override
  public String toString() {
    return "Csr{" + udis + "}";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Csr && Arrays.equals(encoded, ((Csr) other).encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  private static String checkUdi(String udi, String name) {
    Objects.requireNonNull(udi, name + " == null");
    if (udi.isBlank()) throw new IllegalArgumentException(name + " is blank");
    return udi;
  }
}
