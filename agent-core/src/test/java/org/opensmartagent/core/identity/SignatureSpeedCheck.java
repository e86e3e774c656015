package org.opensmartagent.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.opensmartagent.core.identity.internal.CryptoProvider;

/**
 * A rough measurement, not a test: ECDSA P-256 verifications per second with the BouncyCastle
 * provider and with the JDK's SunEC provider, after a warm-up. Run with {@code java -cp
 * target/test-classes:target/classes:<bc jars> ...SignatureSpeedCheck}. JMH comes later.
 */
public final class SignatureSpeedCheck {
  private static final int WARM_UP = 5_000;
  private static final int VERIFIES = 20_000;

  private SignatureSpeedCheck() {}

  public static void main(String[] args) throws GeneralSecurityException {
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, TestRandom.seeded(99));
    byte[] data =
        "a signed licensing response of ordinary size".repeat(20).getBytes(StandardCharsets.UTF_8);
    byte[] signature = keys.sign(data);
    System.out.printf("Java %s, %d verifies each%n", System.getProperty("java.version"), VERIFIES);
    for (String provider : new String[] {"BC", "SunEC"}) {
      run(provider, keyFor(provider, keys), data, signature, WARM_UP);
    }
    for (String provider : new String[] {"BC", "SunEC"}) {
      long nanos = run(provider, keyFor(provider, keys), data, signature, VERIFIES);
      System.out.printf("%-6s %,10.0f verifies/s%n", provider, VERIFIES / (nanos / 1e9));
    }
  }

  /** Each provider verifies with its own key object, so no per-call key translation is timed. */
  private static PublicKey keyFor(String provider, DeviceKeys keys)
      throws GeneralSecurityException {
    KeyFactory factory =
        provider.equals("BC")
            ? KeyFactory.getInstance("EC", CryptoProvider.BC)
            : KeyFactory.getInstance("EC", provider);
    return factory.generatePublic(new X509EncodedKeySpec(keys.encodedPublicKey()));
  }

  private static long run(String provider, PublicKey key, byte[] data, byte[] sig, int count)
      throws GeneralSecurityException {
    Signature verifier =
        provider.equals("BC")
            ? Signature.getInstance("SHA256withECDSA", CryptoProvider.BC)
            : Signature.getInstance("SHA256withECDSA", provider);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      verifier.initVerify(key);
      verifier.update(data);
      if (!verifier.verify(sig)) throw new AssertionError(provider + " refused a good signature");
    }
    return System.nanoTime() - start;
  }
}
