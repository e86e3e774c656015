package org.opensmartagent.core.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text (RFC 7468): Base64 DER between {@code -----BEGIN <label>-----} and {@code -----END
 * <label>-----} lines. Stateless.
 */
public final class Pem {
  public static final String CERTIFICATE = "CERTIFICATE";
  public static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";
  public static final String PRIVATE_KEY = "PRIVATE KEY";
  public static final String PUBLIC_KEY = "PUBLIC KEY";

  private static final String BEGIN = "-----BEGIN ";

  private Pem() {}

  /** Encodes {@code der} as one PEM block with 64-character lines and a trailing newline. */
  public static String encode(String label, byte[] der) {
    Objects.requireNonNull(label, "label == null");
    Objects.requireNonNull(der, "der == null");
    Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    return BEGIN
        + label
        + "-----\n"
        + encoder.encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /** Decodes every {@code label} block in {@code text}, in order; empty if there is none. */
  public static List<byte[]> decodeAll(String label, String text) {
    Objects.requireNonNull(label, "label == null");
    Objects.requireNonNull(text, "text == null");
    String quoted = Pattern.quote(label);
    Pattern block =
        Pattern.compile(
            "-----BEGIN " + quoted + "-----(.*?)-----END " + quoted + "-----", Pattern.DOTALL);
    List<byte[]> blocks = new ArrayList<>();
    Matcher matcher = block.matcher(text);
    while (matcher.find()) {
      blocks.add(Base64.getMimeDecoder().decode(matcher.group(1)));
    }
    return blocks;
  }

  /**
   * Decodes the first {@code label} block in {@code text}.
   *
   * @throws IllegalArgumentException if there is no such block or its Base64 is corrupt.
   */
  public static byte[] decode(String label, String text) {
    List<byte[]> blocks = decodeAll(label, text);
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no PEM block '-----BEGIN " + label + "-----' found");
    }
    return blocks.get(0);
  }

  /** True if {@code bytes} is text containing a PEM begin line (rather than DER). */
  public static boolean looksLikePem(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    return new String(bytes, StandardCharsets.ISO_8859_1).contains(BEGIN);
  }
}
