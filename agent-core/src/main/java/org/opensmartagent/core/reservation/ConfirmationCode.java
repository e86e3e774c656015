package org.opensmartagent.core.reservation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The 8-hex-character code a device shows after installing an updated SLR authorization code (e.g.
 * {@code 17488c1f}): the first four bytes of SHA-256 over the installed code's signature and UDI,
 * so the license server can recompute it from the code it issued. The 8-hex-character form is the
 * real one; how a real device computes it is not public, so the hash is our choice.
 */
public final class ConfirmationCode {
  private static final Pattern FORM = Pattern.compile("[0-9a-f]{8}");

  private ConfirmationCode() {}

  /**
   * Reads a confirmation code as an operator types it: surrounding whitespace ignored, upper case
   * accepted; returns it in lower case, as devices print it.
   *
   * @throws IllegalArgumentException if it is not 8 hexadecimal characters
   */
  public static String parse(String input) {
    String t = Objects.requireNonNull(input, "input == null").strip().toLowerCase(Locale.ROOT);
    if (!FORM.matcher(t).matches()) {
      throw new IllegalArgumentException(
          "A confirmation code is 8 hexadecimal characters, e.g. 17488c1f; '"
              + input.strip()
              + "' is not. Copy it again from the device");
    }
    return t;
  }

  /** The confirmation code a device shows after installing {@code installed}. */
  public static String of(AuthorizationCode installed) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update("confirm\n".getBytes(StandardCharsets.UTF_8));
      d.update(installed.signature());
      d.update(installed.udi().toCompactString().getBytes(StandardCharsets.UTF_8));
      byte[] h = d.digest();
      return HexFormat.of().formatHex(h, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
