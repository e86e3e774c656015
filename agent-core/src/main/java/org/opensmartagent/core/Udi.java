package org.opensmartagent.core;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A unique device identifier: product ID, serial number and, for software products, a UUID.
 *
 * <p>Parses both the long form {@code PID:ESA-C170,SN:FCH1234ABCD} and the compact form {@code
 * P:ESA-C170,S:FCH1234ABCD[,U:uuid]}; {@link #toString()} prints the long form (with {@code ,UUID:}
 * when present) and {@link #toCompactString()} the compact one. Immutable.
 */
public record Udi(String pid, String serialNumber, Optional<String> uuid) {
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9._/+\\-]{1,64}");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

  public Udi {
    Objects.requireNonNull(pid, "pid == null");
    Objects.requireNonNull(serialNumber, "serialNumber == null");
    Objects.requireNonNull(uuid, "uuid == null");
    requirePart("product ID", pid);
    requirePart("serial number", serialNumber);
    uuid.ifPresent(
        u -> {
          if (!UUID.matcher(u).matches()) {
            throw new IllegalArgumentException(
                "UDI UUID '" + u + "' is not a UUID like 8-4-4-4-12 hexadecimal digits");
          }
        });
  }

  /** A hardware UDI with no UUID. */
  public static Udi of(String pid, String serialNumber) {
    return new Udi(pid, serialNumber, Optional.empty());
  }

  /** A software UDI with a UUID. */
  public static Udi of(String pid, String serialNumber, String uuid) {
    return new Udi(pid, serialNumber, Optional.of(uuid));
  }

  /**
   * Parses {@code PID:x,SN:y[,UUID:z]} or {@code P:x,S:y[,U:z]} (surrounding spaces ignored).
   *
   * @throws IllegalArgumentException naming what is wrong and showing the expected form
   */
  public static Udi parse(String text) {
    Objects.requireNonNull(text, "text == null");
    String[] fields = text.strip().split(",", -1);
    if (fields.length < 2 || fields.length > 3) {
      throw malformed(text, "expected 2 or 3 comma-separated fields");
    }
    String pid = field(text, fields[0], "PID", "P");
    String sn = field(text, fields[1], "SN", "S");
    Optional<String> uuid =
        fields.length == 3 ? Optional.of(field(text, fields[2], "UUID", "U")) : Optional.empty();
    return new Udi(pid, sn, uuid);
  }

  /** The compact form {@code P:x,S:y[,U:z]} used in reservation codes. */
  public String toCompactString() {
    return "P:" + pid + ",S:" + serialNumber + uuid.map(u -> ",U:" + u).orElse("");
  }

  @Override
  public String toString() {
    return "PID:" + pid + ",SN:" + serialNumber + uuid.map(u -> ",UUID:" + u).orElse("");
  }

  private static String field(String text, String field, String longKey, String shortKey) {
    int colon = field.indexOf(':');
    if (colon < 0) {
      throw malformed(text, "field '" + field + "' has no ':'");
    }
    String key = field.substring(0, colon).strip();
    if (!key.equalsIgnoreCase(longKey) && !key.equalsIgnoreCase(shortKey)) {
      throw malformed(
          text, "expected '" + longKey + ":' or '" + shortKey + ":' but found '" + key + ":'");
    }
    return field.substring(colon + 1).strip();
  }

  private static void requirePart(String what, String value) {
    if (!PART.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "UDI "
              + what
              + " '"
              + value
              + "' must be 1 to 64 characters of letters, digits and . _ / + -");
    }
  }

  private static IllegalArgumentException malformed(String text, String why) {
    return new IllegalArgumentException(
        "Not a UDI: '"
            + text
            + "' ("
            + why
            + "). Use PID:<product id>,SN:<serial> or P:<product id>,S:<serial>[,U:<uuid>]");
  }
}
