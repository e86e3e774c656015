package org.opensmartagent.core.reservation;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.opensmartagent.core.Udi;

/**
 * A reservation request code: {@code <type>-Z<PID>:<SN>-<9 alphanumerics>-<2 hex check>} for a
 * hardware UDI (e.g. {@code CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-86}) and {@code
 * <type>-<P:..,S:..,U:..>-<9>-<2 hex>} for a software UDI. The type is {@code CB} (specific) or
 * {@code CU} (universal); the nine characters are random; the check is the low byte of a CRC-32 of
 * everything before it. Immutable.
 */
public record RequestCode(ReservationType type, Udi udi, String nonce) {
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern FORM =
      Pattern.compile("([A-Z]{2})-(Z[^:,\\s]+:[^\\s,]+|P:[^\\s]+)-([A-Za-z0-9]{9})-([0-9A-F]{2})");

  public RequestCode {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(udi, "udi == null");
    if (!nonce.matches("[A-Za-z0-9]{9}")) {
      throw new IllegalArgumentException("nonce must be 9 letters or digits");
    }
  }

  /** A new code with a fresh random part. */
  public static RequestCode create(ReservationType type, Udi udi, RandomGenerator random) {
    char[] n = new char[9];
    for (int i = 0; i < n.length; i++) {
      n[i] = ALNUM.charAt(random.nextInt(ALNUM.length()));
    }
    return new RequestCode(type, udi, new String(n));
  }

  /**
   * Parses a request code (surrounding whitespace ignored).
   *
   * @throws IllegalArgumentException saying what is wrong, for a malformed or mistyped code
   */
  public static RequestCode parse(String text) {
    String t = Objects.requireNonNull(text, "text == null").strip();
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Not a reservation request code: expected <type>-Z<PID>:<SN>-<9 characters>-<2 hex>,"
              + " e.g. CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-86");
    }
    String body = t.substring(0, t.length() - 3);
    if (!check(body).equals(m.group(4))) {
      throw new IllegalArgumentException(
          "The request code's check characters do not match: it was mistyped or cut; copy it again");
    }
    String id = m.group(2);
    Udi udi =
        id.startsWith("Z")
            ? Udi.of(id.substring(1, id.indexOf(':')), id.substring(id.indexOf(':') + 1))
            : Udi.parse(id);
    return new RequestCode(ReservationType.ofPrefix(m.group(1)), udi, m.group(3));
  }

  /**
   * The product instance identifier an authorization code for this request must carry: a name-based
   * UUID of the code text, so a code answers exactly one request.
   */
  public String productInstanceId() {
    return UUID.nameUUIDFromBytes(text().getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The code as the operator copies it. */
  public String text() {
    String id =
        udi.uuid().isPresent() ? udi.toCompactString() : "Z" + udi.pid() + ":" + udi.serialNumber();
    String body = type.requestPrefix() + "-" + id + "-" + nonce;
    return body + "-" + check(body);
  }

  @Override
  public String toString() {
    return text();
  }

  private static String check(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().withUpperCase().toHexDigits((byte) crc.getValue());
  }
}
