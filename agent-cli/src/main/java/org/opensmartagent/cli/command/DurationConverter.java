package org.opensmartagent.cli.command;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT1H}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return check(Duration.parse(v.toUpperCase(Locale.ROOT)), value);
      }
      if (v.endsWith("ms")) {
        return check(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))), value);
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return check(
          switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new NumberFormatException();
          },
          value);
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration; use e.g. 30s, 10m, 2h or PT1H");
    }
  }

  private static Duration check(Duration d, String value) {
    if (d.isNegative()) {
      throw new TypeConversionException("'" + value + "' is negative");
    }
    return d;
  }
}
