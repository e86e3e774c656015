package org.opensmartagent.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Countdown notices, table-driven, with thresholds of 30, 15, 5 and 1 days (longest first). */
class NoticesTest {
  private static final List<Duration> DAYS =
      List.of(Duration.ofDays(30), Duration.ofDays(15), Duration.ofDays(5), Duration.ofDays(1));

  private static Duration hours(long h) {
    return Duration.ofHours(h);
  }

  @ParameterizedTest(name = "fired {0}, {1} h left: notice #{2}")
  @CsvSource({
    // fired bits, hours remaining, index due (-1: none)
    "0, 721, -1", // 30 days and an hour: nothing crossed yet
    "0, 720, 0", // exactly 30 days: the first notice (inclusive)
    "0, 719, 0",
    "1, 719, -1", // already fired
    "0, 240, 1", // 10 days: 30 and 15 crossed at once, only the more urgent fires
    "3, 240, -1",
    "1, 240, 1",
    "0, 12, 3", // half a day: the most urgent
    "8, 12, 2", // the 1-day notice fired: the most urgent not yet fired
    "15, 12, -1",
    "0, 0, 3"
  })
  void dueIsTheMostUrgentCrossedThresholdNotYetFired(int fired, long hoursLeft, int expected) {
    OptionalInt due = Notices.due(DAYS, fired, hours(hoursLeft));

    assertThat(due).isEqualTo(expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected));
  }

  @ParameterizedTest(name = "fired {0}, {1} h left: fired becomes {2}")
  @CsvSource({
    "0, 721, 0",
    "0, 720, 1", // inclusive
    "0, 240, 3",
    "0, 119, 7",
    "0, 24, 15",
    "8, 721, 8", // what was fired stays fired
    "4, 240, 7"
  })
  void markCrossedMarksEveryThresholdAtOrAboveWhatIsLeft(int fired, long hoursLeft, int expected) {
    assertThat(Notices.markCrossed(DAYS, fired, hours(hoursLeft))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "fired {0}, {1} h left: next at {2} h")
  @CsvSource({
    "0, 1000, 720",
    "0, 721, 720",
    "0, 720, 360", // reached, so the next one is the following threshold
    "1, 600, 360",
    "2, 600, 120", // 15 days already fired (a catch-up): skip it
    "0, 25, 24",
    "0, 24, -1",
    "0, 1, -1",
    "15, 1000, -1"
  })
  void nextThresholdIsTheNextOneNotFiredAndNotReached(int fired, long hoursLeft, long expected) {
    Optional<Duration> next = Notices.nextThreshold(DAYS, fired, hours(hoursLeft));

    assertThat(next).isEqualTo(expected < 0 ? Optional.empty() : Optional.of(hours(expected)));
  }
}
