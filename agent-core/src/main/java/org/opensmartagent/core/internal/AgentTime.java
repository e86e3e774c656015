package org.opensmartagent.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.opensmartagent.core.ProductPolicy;

/**
 * The agent's trusted time.
 *
 * <ul>
 *   <li>Within one process the monotonic ticker measures elapsed time from the last reading (the
 *       anchor); across a restart the stored last trusted time is the floor. A wall clock that goes
 *       back is absorbed by a stored offset, so agent time never runs backwards and a rolled-back
 *       clock never extends an evaluation, a grace period or a deadline.
 *   <li>A forward jump is taken as it is (it can only shorten periods) and reported.
 *   <li>After each successful exchange the server's signed time, already checked to be within the
 *       skew tolerance of the wall clock, becomes the reference ({@link #resync}): the offset is
 *       dropped and the floor reset, so a forward jump that NTP later corrected heals at the next
 *       contact instead of poisoning the agent for good.
 * </ul>
 *
 * Not thread-safe: used under the engine's state lock.
 */
final class AgentTime {
  /** Jumps smaller than this are drift, not a clock change. */
  static final Duration JUMP = Duration.ofSeconds(2);

  private final Clock clock;
  private final LongSupplier ticker;

  /** Written under the state lock; volatile because {@link #peek} reads it without the lock. */
  private volatile Optional<Anchor> anchor = Optional.empty();

  private record Anchor(Instant trusted, long nanos) {}

  AgentTime(Clock clock, LongSupplier ticker) {
    this.clock = clock;
    this.ticker = ticker;
  }

  /**
   * A reading: the trusted instant, how far the wall clock moved against the monotonic ticker since
   * the last reading (negative: back), and the raw clock.
   */
  record Reading(Instant now, Optional<Duration> jumped, Instant raw, long nanos) {
    Optional<Duration> rolledBack() {
      return jumped.filter(Duration::isNegative).map(Duration::negated);
    }

    Optional<Duration> forward() {
      return jumped.filter(d -> !d.isNegative());
    }
  }

  /** Reads the clock for a commit on {@code s}, updating its offset and last trusted time. */
  Reading read(AgentState s) {
    Instant raw = clock.instant();
    long nanos = ticker.getAsLong();
    Instant adjusted = raw.plus(s.clockOffset);
    Instant floor = floor(s, nanos);
    Optional<Duration> jumped = Optional.empty();
    if (adjusted.isBefore(floor)) {
      Duration gap = Duration.between(adjusted, floor);
      s.clockOffset = s.clockOffset.plus(gap);
      adjusted = floor;
      jumped = Optional.of(gap.negated());
    } else if (anchor.isPresent()) {
      Duration ahead = Duration.between(floor, adjusted);
      if (ahead.compareTo(JUMP) >= 0) {
        jumped = Optional.of(ahead);
      }
    }
    s.lastTrustedTime = adjusted;
    anchor = Optional.of(new Anchor(adjusted, nanos));
    return new Reading(adjusted, jumped, raw, nanos);
  }

  /**
   * Takes the server's signed time as the reference after a successful exchange: agent time becomes
   * the later of the wall clock and the server's time (the two are within the skew tolerance,
   * checked before), the offset is dropped and the floor reset.
   */
  Instant resync(AgentState s, Instant serverTime) {
    Instant raw = clock.instant();
    long nanos = ticker.getAsLong();
    Instant trusted = serverTime.isAfter(raw) ? serverTime : raw;
    s.clockOffset = Duration.between(raw, trusted);
    s.lastTrustedTime = trusted;
    anchor = Optional.of(new Anchor(trusted, nanos));
    return trusted;
  }

  /**
   * After a resync moved agent time back by {@code back} to {@code now}: the local instants stamped
   * while the clock was ahead (they lie after {@code now}) move back by as much, so that a grace
   * period, a usage report, a reminder, an attempt or a retry set during the jump is where it would
   * have been without it. Times the server gave (the authorization's end, the certificate) are
   * untouched.
   */
  static void healStamps(AgentState s, Instant now, Duration back, ProductPolicy p) {
    s.enabledAt = back(s.enabledAt, Duration.ZERO, now, back);
    s.lastCommunicationAttempt = back(s.lastCommunicationAttempt, Duration.ZERO, now, back);
    s.lastIdRenewalAttempt = back(s.lastIdRenewalAttempt, Duration.ZERO, now, back);
    s.lastReminder = back(s.lastReminder, Duration.ZERO, now, back);
    s.usageReportDue = back(s.usageReportDue, p.usageReportDelay(), now, back);
    // a retry set while the clock was ahead would otherwise stay that far in the future, and the
    // loop, which never lets a retry lie more than the longest backoff ahead of now, would move it
    // along with now at every wake-up without ever running it (seed 957)
    s.authRetry =
        new RetryState(
            s.authRetry.failures(), back(s.authRetry.nextRetry(), p.retryMax(), now, back));
    s.idRetry =
        new RetryState(s.idRetry.failures(), back(s.idRetry.nextRetry(), p.retryMax(), now, back));
    for (EntitlementState e : s.entitlements.values()) {
      e.graceEnds = back(e.graceEnds, p.outOfComplianceGrace(), now, back);
    }
  }

  /** {@code at}, stamped {@code after} its set time, moved back if it was set after {@code now}. */
  private static Optional<Instant> back(
      Optional<Instant> at, Duration after, Instant now, Duration back) {
    return at.map(t -> t.minus(after).isAfter(now) ? t.minus(back) : t);
  }

  /** The monotonic ticker now. */
  long nanos() {
    return ticker.getAsLong();
  }

  /** The trusted instant for a read-only look at {@code s}; changes nothing. */
  Instant peek(AgentState s) {
    Instant adjusted = clock.instant().plus(s.clockOffset);
    Instant floor = floor(s, ticker.getAsLong());
    return adjusted.isBefore(floor) ? floor : adjusted;
  }

  private Instant floor(AgentState s, long nanos) {
    Instant floor = s.lastTrustedTime;
    Optional<Anchor> a = anchor; // read once: a commit may replace it meanwhile (peek has no lock)
    if (a.isPresent()) {
      long elapsed = Math.max(0, nanos - a.get().nanos());
      Instant expected = a.get().trusted().plusNanos(elapsed);
      if (expected.isAfter(floor)) {
        floor = expected;
      }
    }
    return floor;
  }
}
