package org.opensmartagent.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The agent's trusted time: the injected clock plus an offset that absorbs every backwards jump of
 * the clock, so agent time never runs backwards and a rolled-back clock can never extend an
 * evaluation, a grace period or a deadline. A forward jump is taken as it is (it can only shorten
 * them). Not thread-safe: used under the engine's state lock.
 */
final class AgentTime {
  private final Clock clock;

  AgentTime(Clock clock) {
    this.clock = clock;
  }

  /** A reading: the trusted instant, and how far the clock went back since the last one. */
  record Reading(Instant now, Optional<Duration> rolledBack, Instant raw) {}

  /**
   * Reads the clock for a commit on {@code s}, updating its offset and last trusted time in place.
   */
  Reading read(AgentState s) {
    Instant raw = clock.instant();
    Instant adjusted = raw.plus(s.clockOffset);
    Optional<Duration> back = Optional.empty();
    if (adjusted.isBefore(s.lastTrustedTime)) {
      Duration gap = Duration.between(adjusted, s.lastTrustedTime);
      s.clockOffset = s.clockOffset.plus(gap);
      adjusted = s.lastTrustedTime;
      back = Optional.of(gap);
    }
    s.lastTrustedTime = adjusted;
    return new Reading(adjusted, back, raw);
  }

  /** The trusted instant for a read-only look at {@code s}; changes nothing. */
  Instant peek(AgentState s) {
    Instant adjusted = clock.instant().plus(s.clockOffset);
    return adjusted.isBefore(s.lastTrustedTime) ? s.lastTrustedTime : adjusted;
  }

  Clock clock() {
    return clock;
  }
}
