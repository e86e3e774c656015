package org.opensmartagent.cli.render;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How the screens print times ({@code Mar 20 2026 10:45:29 UTC}) and durations. */
public final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Times() {}

  public static String format(Instant t) {
    return FORMAT.format(t);
  }

  /** The time, or {@code none} when there is none. */
  public static String format(Optional<Instant> t, String none) {
    return t.map(Times::format).orElse(none);
  }

  /** {@code 87 days 1 hr 41 min 0 sec}; negative durations count as zero. */
  public static String format(Duration d) {
    Duration left = d.isNegative() ? Duration.ZERO : d;
    long days = left.toDays();
    return days
        + (days == 1 ? " day " : " days ")
        + left.toHoursPart()
        + " hr "
        + left.toMinutesPart()
        + " min "
        + left.toSecondsPart()
        + " sec";
  }
}
