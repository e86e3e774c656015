package org.opensmartagent.cli.render;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * How the screens print times and durations. The sectioned (classic) layout prints them as the
 * agent's {@code show license status} does ({@code Mar 13 08:09:24 2024 UTC}, {@code 87 days 1 hr
 * 41 min 0 sec}); the current AsyncOS layout as its STATUS does ({@code 22 Aug 2018 07:21}, {@code
 * 90 days 0 hours 0 minutes 0 seconds}). All times are UTC.
 */
public final class Times {
  private static final DateTimeFormatter CLASSIC =
      DateTimeFormatter.ofPattern("MMM dd HH:mm:ss yyyy 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CURRENT =
      DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code Mar 13 08:09:24 2024 UTC}. */
  public static String format(Instant t) {
    return CLASSIC.format(t);
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

  /** {@code 22 Aug 2018 07:21}, the current AsyncOS form. */
  public static String current(Instant t) {
    return CURRENT.format(t);
  }

  /**
   * {@code 90 days 0 hours 0 minutes 0 seconds}, the current AsyncOS form (the shape the vendor's
   * test automation compares); negative durations count as zero.
   */
  public static String current(Duration d) {
    Duration left = d.isNegative() ? Duration.ZERO : d;
    return left.toDays()
        + " days "
        + left.toHoursPart()
        + " hours "
        + left.toMinutesPart()
        + " minutes "
        + left.toSecondsPart()
        + " seconds";
  }
}
