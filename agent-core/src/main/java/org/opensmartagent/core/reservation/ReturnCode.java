package org.opensmartagent.core.reservation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.opensmartagent.core.Udi;

/**
 * The code a device gives back when it returns a reservation: Base58 in eight dash-separated groups
 * of six and one of three (51 characters, no 0, O, I or l) that decodes to 38 bytes, a version byte
 * 0x01 and 37 bytes, as real return codes do (so they start with a letter or, rarely, a 9). What
 * the 37 bytes of a real code hold is not public; ours hold an 8-byte nonce and 29 bytes of SHA-256
 * over the nonce, the UDI and the installed authorization code's signature, so the license server
 * that issued the code can verify it and free the licenses exactly once. {@link #parse} accepts
 * real codes too. Immutable.
 */
public record ReturnCode(String text) {
  private static final int BYTES = 38;
  private static final int DIGITS = 51;
  private static final byte VERSION = 1;

  public ReturnCode {
    Objects.requireNonNull(text, "text == null");
  }

  /** Makes the return code for the installed {@code code}. */
  public static ReturnCode create(AuthorizationCode code, RandomGenerator random) {
    byte[] nonce = new byte[8];
    random.nextBytes(nonce);
    ByteBuffer b = ByteBuffer.allocate(BYTES);
    b.put(VERSION).put(nonce).put(digest(nonce, code.udi(), code.signature()));
    return new ReturnCode(group(Base58.encode(b.array(), DIGITS)));
  }

  /**
   * Whether this return code was made for {@code code} (the server's check).
   *
   * @throws IllegalArgumentException if the text is not a well-formed return code
   */
  public boolean matches(AuthorizationCode code) {
    byte[] raw = decode(text);
    byte[] nonce = Arrays.copyOfRange(raw, 1, 9);
    return MessageDigest.isEqual(
        Arrays.copyOfRange(raw, 9, BYTES), digest(nonce, code.udi(), code.signature()));
  }

  /** Parses and checks the form of a return code typed by an operator. */
  public static ReturnCode parse(String input) {
    String t = Objects.requireNonNull(input, "input == null").strip();
    decode(t);
    return new ReturnCode(t);
  }

  private static byte[] decode(String text) {
    String[] groups = text.split("-", -1);
    if (groups.length != 9) {
      throw new IllegalArgumentException(
          "A return code has nine dash-separated groups (eight of 6 characters, one of 3); this has "
              + groups.length);
    }
    for (int i = 0; i < 9; i++) {
      int expected = i < 8 ? 6 : 3;
      if (groups[i].length() != expected) {
        throw new IllegalArgumentException(
            "Group " + (i + 1) + " of the return code must have " + expected + " characters");
      }
    }
    byte[] raw = Base58.decode(String.join("", groups), BYTES);
    if (raw[0] != VERSION) {
      throw new IllegalArgumentException(
          "This is not a return code: it does not decode to a version 1 code (a real return code"
              + " starts with a letter); copy it again from the device");
    }
    return raw;
  }

  private static byte[] digest(byte[] nonce, Udi udi, byte[] signature) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update("return\n".getBytes(StandardCharsets.UTF_8));
      d.update(nonce);
      d.update(udi.toCompactString().getBytes(StandardCharsets.UTF_8));
      d.update(signature);
      return Arrays.copyOf(d.digest(), BYTES - 9);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String group(String digits) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 6) {
      if (i > 0) {
        b.append('-');
      }
      b.append(digits, i, Math.min(i + 6, digits.length()));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
