package org.opensmartagent.core.reservation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The 8-hex-character code a device shows after installing an updated SLR authorization code (e.g.
 * {@code 17488c1f}): the first four bytes of SHA-256 over the installed code's signature and UDI,
 * so the license server can recompute it from the code it issued.
 */
public final class ConfirmationCode {
  private ConfirmationCode() {}

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
