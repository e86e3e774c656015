package org.opensmartagent.core.identity;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Deterministic randomness for tests: the same seed gives the same keys and serials. */
public final class TestRandom {
  private TestRandom() {}

  public static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
