package org.opensmartagent.core.identity.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.IdentityException.Reason;
import org.opensmartagent.core.identity.KeyAlgorithm;

/** Key generation, encoding checks and raw signing with the BouncyCastle provider. Stateless. */
public final class KeyCodec {
  private KeyCodec() {}

  public static KeyPair generate(KeyAlgorithm algorithm, SecureRandom random) {
    try {
      KeyPairGenerator generator =
          KeyPairGenerator.getInstance(algorithm.keyAlgorithm(), CryptoProvider.BC);
      if (algorithm == KeyAlgorithm.EC_P256) {
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      } else {
        generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("BouncyCastle cannot generate " + algorithm + " keys", e);
    }
  }

  /**
   * Returns the device key algorithm of an X.509 SubjectPublicKeyInfo encoding, accepting only
   * P-256 EC keys and 2048-bit RSA keys.
   */
  public static KeyAlgorithm algorithmOf(byte[] publicKeyInfo) throws IdentityException {
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(publicKeyInfo);
      ASN1ObjectIdentifier type = info.getAlgorithm().getAlgorithm();
      if (X9ObjectIdentifiers.id_ecPublicKey.equals(type)
          && SECObjectIdentifiers.secp256r1.equals(info.getAlgorithm().getParameters())) {
        return KeyAlgorithm.EC_P256;
      }
      if (PKCSObjectIdentifiers.rsaEncryption.equals(type)
          && RSAPublicKey.getInstance(info.parsePublicKey()).getModulus().bitLength() == 2048) {
        return KeyAlgorithm.RSA_2048;
      }
      throw new IdentityException(
          Reason.KEY_INVALID, "the public key is neither an EC P-256 key nor a 2048-bit RSA key");
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IdentityException(
          Reason.KEY_INVALID, "the public key is not a valid X.509 SubjectPublicKeyInfo", e);
    }
  }

  public static PublicKey decodePublic(KeyAlgorithm algorithm, byte[] publicKeyInfo)
      throws IdentityException {
    try {
      return KeyFactory.getInstance(algorithm.keyAlgorithm(), CryptoProvider.BC)
          .generatePublic(new X509EncodedKeySpec(publicKeyInfo));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IdentityException(
          Reason.KEY_INVALID, "the " + algorithm + " public key cannot be decoded", e);
    }
  }

  public static PrivateKey decodePrivate(KeyAlgorithm algorithm, byte[] pkcs8)
      throws IdentityException {
    try {
      return KeyFactory.getInstance(algorithm.keyAlgorithm(), CryptoProvider.BC)
          .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IdentityException(
          Reason.KEY_INVALID, "the private key is not a PKCS#8 " + algorithm + " key", e);
    }
  }

  public static byte[] sign(
      KeyAlgorithm algorithm, PrivateKey key, SecureRandom random, byte[] data)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance(algorithm.signatureAlgorithm(), CryptoProvider.BC);
    signature.initSign(key, random);
    signature.update(data);
    return signature.sign();
  }

  /** Returns true if the signature is valid; a malformed signature is simply not valid. */
  public static boolean verify(
      String signatureAlgorithm, PublicKey key, byte[] data, byte[] signatureBytes)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance(signatureAlgorithm, CryptoProvider.BC);
    signature.initVerify(key);
    signature.update(data);
    try {
      return signature.verify(signatureBytes);
    } catch (java.security.SignatureException e) {
      return false;
    }
  }
}
