package org.opensmartagent.core.internal;

import java.time.Duration;

/** Formats durations the way STATUS screens do: {@code 87 days 1 hr 41 min 0 sec}. */
public final class Durations {
  private Durations() {}

  public static String format(Duration d) {
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    long days = d.toDays();
    return days
        + (days == 1 ? " day " : " days ")
        + d.toHoursPart()
        + " hr "
        + d.toMinutesPart()
        + " min "
        + d.toSecondsPart()
        + " sec";
  }

  /** True for a duration above zero. */
  /** The shorter of {@code a} and {@code b}. */
  public static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The longer of {@code a} and {@code b}. */
  public static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  public static boolean positive(Duration d) {
    return !d.isZero() && !d.isNegative();
  }

  /** "1 day" or "N days", rounded up, for notices: "expires in 5 days". */
  public static String inDays(Duration d) {
    long n = daysCeil(d);
    return n + (n == 1 ? " day" : " days");
  }

  /** Whole days, rounded up, for notices: "expires in 5 days". */
  public static long daysCeil(Duration d) {
    long days = d.toDays();
    return d.minusDays(days).isZero() ? days : days + 1;
  }
}
