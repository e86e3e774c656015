package org.opensmartagent.core.reservation;

import java.math.BigInteger;

/** Base58 (no 0, O, I, l) with a fixed width, for return codes. */
final class Base58 {
  static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);

  private Base58() {}

  /** Encodes {@code bytes} as an unsigned number in exactly {@code width} digits. */
  static String encode(byte[] bytes, int width) {
    BigInteger n = new BigInteger(1, bytes);
    char[] out = new char[width];
    for (int i = width - 1; i >= 0; i--) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      out[i] = ALPHABET.charAt(qr[1].intValue());
      n = qr[0];
    }
    if (n.signum() != 0) {
      throw new IllegalArgumentException(
          bytes.length + " bytes do not fit in " + width + " digits");
    }
    return new String(out);
  }

  /** Decodes {@code text} into exactly {@code length} bytes. */
  static byte[] decode(String text, int length) {
    BigInteger n = BigInteger.ZERO;
    for (int i = 0; i < text.length(); i++) {
      int d = ALPHABET.indexOf(text.charAt(i));
      if (d < 0) {
        throw new IllegalArgumentException(
            "'" + text.charAt(i) + "' is not a Base58 character (0, O, I and l are never used)");
      }
      n = n.multiply(BASE).add(BigInteger.valueOf(d));
    }
    byte[] raw = n.toByteArray();
    if (raw.length > length + 1 || (raw.length == length + 1 && raw[0] != 0)) {
      throw new IllegalArgumentException("the code is too large to be a return code");
    }
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }
}
