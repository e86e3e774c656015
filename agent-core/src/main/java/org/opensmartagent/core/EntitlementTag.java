package org.opensmartagent.core;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a licensable feature: either a full software-ID tag {@code
 * regid.2016-07.com.vendor.Anti_Malware,1.0_<uuid>} or a short product tag such as {@code
 * ESA_Anti_Malware}.
 *
 * <p>Equality is by the exact text. Immutable; cheap to use as a map key (the hash is cached by
 * {@link String}).
 */
public final class EntitlementTag implements Comparable<EntitlementTag> {
  private static final int MAX_LENGTH = 256;
  private static final Pattern FULL =
      Pattern.compile(
          "regid\\.(\\d{4}-\\d{2})\\.com\\.([A-Za-z0-9-]+)\\.([A-Za-z0-9_+-][A-Za-z0-9_.+-]*),"
              + "([A-Za-z0-9.]+)_([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})");
  private static final Pattern SHORT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}");

  private final String value;
  private final Optional<Parts> parts;

  /** The parts of a full software-ID tag. */
  public record Parts(
      YearMonth registered, String vendor, String name, String version, String uuid) {}

  private EntitlementTag(String value, Optional<Parts> parts) {
    this.value = value;
    this.parts = parts;
  }

  /**
   * Parses a full or short tag (surrounding spaces ignored).
   *
   * @throws IllegalArgumentException saying which grammar the text fails and showing both forms
   */
  public static EntitlementTag parse(String text) {
    Objects.requireNonNull(text, "text == null");
    String t = text.strip();
    if (t.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Entitlement tag is " + t.length() + " characters; at most " + MAX_LENGTH + " allowed");
    }
    if (t.startsWith("regid.")) {
      Matcher m = FULL.matcher(t);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "Malformed entitlement tag '"
                + t
                + "': expected regid.<YYYY-MM>.com.<vendor>.<Name>,<version>_<UUID>");
      }
      YearMonth month;
      try {
        month = YearMonth.parse(m.group(1));
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(
            "Malformed entitlement tag '" + t + "': '" + m.group(1) + "' is not a valid YYYY-MM");
      }
      return new EntitlementTag(
          t, Optional.of(new Parts(month, m.group(2), m.group(3), m.group(4), m.group(5))));
    }
    if (!SHORT.matcher(t).matches()) {
      throw new IllegalArgumentException(
          "Malformed entitlement tag '"
              + t
              + "': use a short tag of letters, digits and _ . + - (e.g. ESA_Anti_Malware) or a"
              + " full tag regid.<YYYY-MM>.com.<vendor>.<Name>,<version>_<UUID>");
    }
    return new EntitlementTag(t, Optional.empty());
  }

  /** The parts of a full software-ID tag; empty for a short tag. */
  public Optional<Parts> parts() {
    return parts;
  }

  /** The feature name: the {@code <Name>} of a full tag, or the whole short tag. */
  public String name() {
    return parts.map(Parts::name).orElse(value);
  }

  /** The exact tag text. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntitlementTag other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public int compareTo(EntitlementTag o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
