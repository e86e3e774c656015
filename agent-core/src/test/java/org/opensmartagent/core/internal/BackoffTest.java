package org.opensmartagent.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.ProductPolicy;

/** The retry delay, table-driven: doubling, the cap, the jitter's range, Retry-After, the cap. */
class BackoffTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant FAR = NOW.plus(Duration.ofDays(365));

  private static ProductPolicy policy(Duration initial, Duration max) {
    return ProductPolicy.builder()
        .productName("p")
        .entitlement(EntitlementDefinition.base("BASE", "Base"))
        .retry(initial, max)
        .build();
  }

  /** Jitter at its lowest (0) or highest (bound - 1), recording the bounds asked for. */
  private static final class Jitter implements RandomGenerator {
    final boolean highest;
    final List<Long> bounds = new ArrayList<>();

    Jitter(boolean highest) {
      this.highest = highest;
    }

    @Override
    public long nextLong() {
      throw new AssertionError("only nextLong(bound) is expected");
    }

    @Override
    public long nextLong(long bound) {
      bounds.add(bound);
      return highest ? bound - 1 : 0;
    }
  }

  @ParameterizedTest(name = "after {0} failures: {1} s .. {2} s")
  @CsvSource({
    // initial 60 s, max 1 h: 60, 120, 240, 480, 960, 1920, 3600 (capped), 3600
    "0, 30, 60",
    "1, 60, 120",
    "2, 120, 240",
    "3, 240, 480",
    "5, 960, 1920",
    "6, 1800, 3600",
    "7, 1800, 3600",
    "40, 1800, 3600"
  })
  void delayDoublesPerFailureUpToTheMaximumAndJittersDownToHalf(
      int failures, long lowestSeconds, long highestSeconds) {
    ProductPolicy p = policy(Duration.ofSeconds(60), Duration.ofHours(1));

    Jitter low = new Jitter(false);
    Jitter high = new Jitter(true);
    Instant earliest = Backoff.retryAt(failures, NOW, p, low, Optional.empty(), FAR);
    Instant latest = Backoff.retryAt(failures, NOW, p, high, Optional.empty(), FAR);

    assertThat(earliest).isEqualTo(NOW.plusSeconds(lowestSeconds));
    assertThat(latest).isEqualTo(NOW.plusSeconds(highestSeconds));
    assertThat(low.bounds).containsExactly(lowestSeconds * 1000 + 1);
  }

  @Test
  void aMaximumThatIsNoPowerOfTwoOfTheInitialIsStillTheCeiling() {
    ProductPolicy p = policy(Duration.ofMinutes(1), Duration.ofMinutes(5));

    assertThat(Backoff.retryAt(2, NOW, p, new Jitter(true), Optional.empty(), FAR))
        .isEqualTo(NOW.plus(Duration.ofMinutes(4)));
    assertThat(Backoff.retryAt(3, NOW, p, new Jitter(true), Optional.empty(), FAR))
        .isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(Backoff.retryAt(3, NOW, p, new Jitter(false), Optional.empty(), FAR))
        .isEqualTo(NOW.plus(Duration.ofSeconds(150)));
  }

  @Test
  void aDelayOfAFewMillisecondsStillJittersByAtLeastOne() {
    ProductPolicy p = policy(Duration.ofMillis(1), Duration.ofMillis(1));
    Jitter low = new Jitter(false);

    assertThat(Backoff.retryAt(0, NOW, p, low, Optional.empty(), FAR)).isEqualTo(NOW.plusMillis(1));
    assertThat(low.bounds).containsExactly(2L);
    assertThat(Backoff.retryAt(0, NOW, p, new Jitter(true), Optional.empty(), FAR))
        .isEqualTo(NOW.plusMillis(2));
  }

  @Test
  void theServerCanOnlyLengthenTheDelay() {
    ProductPolicy p = policy(Duration.ofSeconds(60), Duration.ofHours(1));

    assertThat(
            Backoff.retryAt(0, NOW, p, new Jitter(true), Optional.of(Duration.ofMinutes(10)), FAR))
        .isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    assertThat(
            Backoff.retryAt(0, NOW, p, new Jitter(true), Optional.of(Duration.ofSeconds(5)), FAR))
        .isEqualTo(NOW.plusSeconds(60));
    assertThat(
            Backoff.retryAt(0, NOW, p, new Jitter(true), Optional.of(Duration.ofSeconds(60)), FAR))
        .isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void neverLaterThanTheCap() {
    ProductPolicy p = policy(Duration.ofSeconds(60), Duration.ofHours(1));
    Instant cap = NOW.plusSeconds(45);

    assertThat(Backoff.retryAt(0, NOW, p, new Jitter(true), Optional.empty(), cap)).isEqualTo(cap);
    assertThat(Backoff.retryAt(0, NOW, p, new Jitter(false), Optional.empty(), cap))
        .isEqualTo(NOW.plusSeconds(30));
    assertThat(
            Backoff.retryAt(
                0,
                NOW,
                p,
                new Jitter(false),
                Optional.of(Duration.ofDays(200)),
                NOW.plusSeconds(60)))
        .isEqualTo(NOW.plusSeconds(60));
    Instant exactly = NOW.plusSeconds(60);
    assertThat(Backoff.retryAt(0, NOW, p, new Jitter(true), Optional.empty(), exactly))
        .isEqualTo(exactly);
  }

  @Test
  void whatTheServerAsksIsBoundedByTheMaximum() {
    ProductPolicy p = policy(Duration.ofSeconds(60), Duration.ofHours(1));

    assertThat(Backoff.retryAt(0, NOW, p, new Jitter(true), Optional.of(Duration.ofDays(90)), FAR))
        .isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(Backoff.retryAt(0, NOW, p, new Jitter(true), Optional.of(Duration.ofHours(1)), FAR))
        .isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(
            Backoff.retryAt(0, NOW, p, new Jitter(true), Optional.of(Duration.ofMinutes(59)), FAR))
        .isEqualTo(NOW.plus(Duration.ofMinutes(59)));
  }

  @ParameterizedTest(name = "regular in {0} min, deadline in {1} min: cap in {2} min")
  @CsvSource({
    "600, , 600", // no deadline: the regular time
    "600, 2000, 600", // halfway (1000) is later than regular
    "600, 1000, 500", // halfway comes first
    "600, 1200, 600", // halfway equals regular
    "600, 1, 1", // halfway is sooner than the shortest backoff (1 min): the shortest backoff
    "600, 0, 600", // a deadline already reached does not pull the cap in
    "600, -5, 600"
  })
  void aRetryCapStaysWellBeforeTheDeadline(long regular, Long deadline, long expected) {
    ProductPolicy p = policy(Duration.ofMinutes(1), Duration.ofHours(24));
    Optional<Instant> d = Optional.ofNullable(deadline).map(m -> NOW.plus(Duration.ofMinutes(m)));

    Instant cap = Backoff.capBefore(NOW.plus(Duration.ofMinutes(regular)), d, NOW, p);

    assertThat(cap).isEqualTo(NOW.plus(Duration.ofMinutes(expected)));
  }

  @Test
  void theShortestBackoffIsNeverLaterThanTheRegularTime() {
    ProductPolicy p = policy(Duration.ofMinutes(10), Duration.ofHours(24));

    assertThat(
            Backoff.capBefore(
                NOW.plus(Duration.ofMinutes(3)),
                Optional.of(NOW.plus(Duration.ofMinutes(4))),
                NOW,
                p))
        .isEqualTo(NOW.plus(Duration.ofMinutes(3)));
  }
}
