package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.opensmartagent.core.ProductPolicy;

/**
 * Capped exponential backoff with jitter: the n-th consecutive failure waits between half and all
 * of {@code initial * 2^(n-1)} (at most {@code max}), at least as long as the server asked but
 * never longer than {@code max} whatever it asked (a Retry-After may come from an unsigned
 * channel-level answer), and never past {@code cap}.
 */
final class Backoff {
  private Backoff() {}

  static Instant retryAt(
      int previousFailures,
      Instant now,
      ProductPolicy p,
      RandomGenerator random,
      Optional<Duration> serverAsked,
      Instant cap) {
    Duration max = p.retryMax();
    Duration exp = doubled(p.retryInitial(), previousFailures, max);
    long halfMillis = Math.max(1, exp.toMillis() / 2);
    Duration jittered = Duration.ofMillis(halfMillis + random.nextLong(halfMillis + 1));
    // the server may ask for a longer wait, never for more than the longest backoff
    Duration delay =
        serverAsked
            .map(asked -> Durations.max(jittered, Durations.min(asked, max)))
            .orElse(jittered);
    Instant at = now.plus(delay);
    return at.isAfter(cap) ? cap : at;
  }

  /**
   * {@code initial} doubled {@code times} times, but never above {@code max} (nor is {@code
   * initial}): the one exponential backoff of the agent, for server retries and failed wake-ups.
   */
  static Duration doubled(Duration initial, int times, Duration max) {
    Duration d = Durations.min(initial, max);
    // 64 doublings reach any max from any positive start; a hostile failure count costs no more
    for (int i = 0; i < Math.min(times, 64); i++) {
      d = Durations.min(d.multipliedBy(2), max); // never overflows: at most twice max
    }
    return d;
  }

  /**
   * The cap for a retry before {@code deadline}: {@code regular}, but no later than halfway from
   * {@code now} to the deadline, and not sooner than the shortest backoff.
   */
  static Instant capBefore(
      Instant regular, Optional<Instant> deadline, Instant now, ProductPolicy p) {
    Instant cap = regular;
    if (deadline.isPresent() && deadline.get().isAfter(now)) {
      Instant halfway = now.plus(Duration.between(now, deadline.get()).dividedBy(2));
      Instant soonest = now.plus(p.retryInitial());
      Instant bound = halfway.isBefore(soonest) ? soonest : halfway;
      cap = bound.isBefore(cap) ? bound : cap;
    }
    return cap;
  }
}
