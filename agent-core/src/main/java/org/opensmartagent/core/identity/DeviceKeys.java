package org.opensmartagent.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.opensmartagent.core.identity.IdentityException.Reason;
import org.opensmartagent.core.identity.internal.KeyCodec;

/**
 * The device's key pair. The agent keeps it in its trusted store as two byte arrays: the private
 * key as PKCS#8 DER and the public key as X.509 SubjectPublicKeyInfo DER. The private key is used
 * only through {@link #sign}; {@link #toString()} prints the algorithm and a public key
 * fingerprint, never key material.
 *
 * <p>Instances are immutable and thread-safe. Signing uses the injected {@link SecureRandom} (for
 * ECDSA nonces) and the BouncyCastle provider.
 */
public final class DeviceKeys {
  private static final byte[] PAIR_PROBE =
      "open-smart-agent key pair check".getBytes(StandardCharsets.US_ASCII);

  private final KeyAlgorithm algorithm;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final SecureRandom random;

  private DeviceKeys(
      KeyAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey, SecureRandom random) {
    this.algorithm = algorithm;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.random = random;
  }

  /** Generates a fresh key pair of {@code algorithm} from {@code random}. */
  public static DeviceKeys generate(KeyAlgorithm algorithm, SecureRandom random) {
    Objects.requireNonNull(algorithm, "algorithm == null");
    Objects.requireNonNull(random, "random == null");
    KeyPair pair = KeyCodec.generate(algorithm, random);
    return new DeviceKeys(algorithm, pair.getPrivate(), pair.getPublic(), random);
  }

  /**
   * Decodes a stored key pair. The algorithm is read from the public key, which must be EC P-256 or
   * RSA 2048; the two halves must belong together.
   *
   * @throws IdentityException with reason {@link Reason#KEY_INVALID} if either encoding is corrupt,
   *     unsupported, or the halves do not match.
   */
  public static DeviceKeys decode(byte[] privateKeyPkcs8, byte[] publicKeyInfo, SecureRandom random)
      throws IdentityException {
    Objects.requireNonNull(privateKeyPkcs8, "privateKeyPkcs8 == null");
    Objects.requireNonNull(publicKeyInfo, "publicKeyInfo == null");
    Objects.requireNonNull(random, "random == null");
    KeyAlgorithm algorithm = KeyCodec.algorithmOf(publicKeyInfo);
    PublicKey publicKey = KeyCodec.decodePublic(algorithm, publicKeyInfo);
    PrivateKey privateKey = KeyCodec.decodePrivate(algorithm, privateKeyPkcs8);
    DeviceKeys keys = new DeviceKeys(algorithm, privateKey, publicKey, random);
    keys.checkPair();
    return keys;
  }

  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The public key as X.509 SubjectPublicKeyInfo DER; a fresh copy. */
  public byte[] encodedPublicKey() {
    return publicKey.getEncoded();
  }

  /** The private key as PKCS#8 DER, for the trusted store only; a fresh copy. */
  public byte[] encodedPrivateKey() {
    return privateKey.getEncoded();
  }

  /** Signs {@code data} with {@link KeyAlgorithm#signatureAlgorithm()}; DER for ECDSA. */
  public byte[] sign(byte[] data) {
    Objects.requireNonNull(data, "data == null");
    try {
      return KeyCodec.sign(algorithm, privateKey, random, data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("BouncyCastle cannot sign with a valid " + algorithm, e);
    }
  }

  @Override
  public String toString() {
    return "DeviceKeys{" + algorithm + ", publicKeySha256=" + fingerprint() + "}";
  }

  private String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  private void checkPair() throws IdentityException {
    try {
      byte[] signature = KeyCodec.sign(algorithm, privateKey, random, PAIR_PROBE);
      if (KeyCodec.verify(algorithm.signatureAlgorithm(), publicKey, PAIR_PROBE, signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      throw new IdentityException(Reason.KEY_INVALID, "the private key cannot sign", e);
    }
    throw new IdentityException(
        Reason.KEY_INVALID, "the stored private key does not match the stored public key");
  }
}
