package org.opensmartagent.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Countdown notices: given the thresholds (longest first) and a bit set of those already fired,
 * finds the notice to fire now. When several thresholds were crossed at once (the device was off)
 * only the most urgent fires, and all crossed ones count as fired, so each fires at most once.
 */
final class Notices {
  private Notices() {}

  /** The index of the threshold to announce now, if any. */
  static OptionalInt due(List<Duration> thresholds, int fired, Duration remaining) {
    int chosen = -1;
    for (int i = 0; i < thresholds.size(); i++) {
      if ((fired & (1 << i)) == 0 && remaining.compareTo(thresholds.get(i)) <= 0) {
        chosen = i;
      }
    }
    return chosen < 0 ? OptionalInt.empty() : OptionalInt.of(chosen);
  }

  /** Marks every threshold at or above {@code remaining} as fired. */
  static int markCrossed(List<Duration> thresholds, int fired, Duration remaining) {
    int result = fired;
    for (int i = 0; i < thresholds.size(); i++) {
      if (remaining.compareTo(thresholds.get(i)) <= 0) {
        result |= 1 << i;
      }
    }
    return result;
  }

  /** The next threshold not yet fired and not yet reached, if any. */
  static java.util.Optional<Duration> nextThreshold(
      List<Duration> thresholds, int fired, Duration remaining) {
    for (int i = 0; i < thresholds.size(); i++) {
      Duration t = thresholds.get(i);
      if ((fired & (1 << i)) == 0 && remaining.compareTo(t) > 0) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }
}
