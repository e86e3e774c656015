package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.opensmartagent.core.ProductPolicy;

/**
 * What is due: the one pure function from (state, pending registration retry, now) to the next
 * action the agent must take and when. The engine's loop runs every action due at its wake-up and
 * sleeps until the next one. A local {@link Action#TICK} (an expiry, a notice, an evaluation
 * checkpoint, the daily look at the clock) needs only a commit; the others talk to the server.
 */
final class Due {
  /** The longest the agent sleeps while enabled, to notice wall-clock jumps. */
  static final Duration LONGEST_SLEEP = Duration.ofDays(1);

  /** In the order they run when due at the same instant. */
  enum Action {
    REGISTER_RETRY,
    AUTHORIZE,
    RENEW_ID,
    TICK
  }

  record Next(Action action, Instant at) {
    boolean isDue(Instant now) {
      return !now.isBefore(at);
    }
  }

  private Due() {}

  /** The earliest action, if any; ties go to the action listed first in {@link Action}. */
  static Optional<Next> next(
      AgentState s, ProductPolicy p, Instant now, Optional<Instant> registrationRetry) {
    return all(s, p, now, registrationRetry)
        .min(Comparator.comparing(Next::at).thenComparing(Next::action));
  }

  /**
   * The earliest time after {@code now} at which an action falls due: after a wake-up failed, the
   * work due now waits for its backoff, but nothing due later may wait for it.
   */
  static Optional<Instant> nextAfter(
      AgentState s, ProductPolicy p, Instant now, Optional<Instant> registrationRetry) {
    return all(s, p, now, registrationRetry)
        .map(Next::at)
        .filter(at -> at.isAfter(now))
        .min(Comparator.naturalOrder());
  }

  private static Stream<Next> all(
      AgentState s, ProductPolicy p, Instant now, Optional<Instant> registrationRetry) {
    return Stream.of(
            registrationRetry.map(at -> new Next(Action.REGISTER_RETRY, at)),
            renewal(s, p, now).map(at -> new Next(Action.AUTHORIZE, at)),
            usageReport(s).map(at -> new Next(Action.AUTHORIZE, at)),
            idRenewal(s, p, now).map(at -> new Next(Action.RENEW_ID, at)),
            tick(s, p, now).map(at -> new Next(Action.TICK, at)))
        .flatMap(Optional::stream);
  }

  /**
   * The next authorization renewal or usage report of a registered product: the pending retry, or
   * the regular renewal, or the report of a usage change, whichever is first. Never later than
   * {@code now} plus the longest backoff while a retry is pending, so that a retry time set before
   * the clock was corrected cannot postpone it.
   */
  static Optional<Instant> authorization(AgentState s, ProductPolicy p, Instant now) {
    return Wakeups.earliest(renewal(s, p, now), usageReport(s));
  }

  /** The pending retry or the regular renewal of a registered product's authorization. */
  private static Optional<Instant> renewal(AgentState s, ProductPolicy p, Instant now) {
    if (!registered(s)) {
      return Optional.empty();
    }
    return s.authRetry
        .nextRetry()
        .map(at -> atMost(at, now.plus(p.retryMax())))
        .or(() -> s.lastAuthorization.map(t -> t.plus(p.authorizationRenewal())))
        .or(() -> Optional.of(now)); // registered, never authorized: authorize now
  }

  /** When a registered product reports its changed usage. */
  private static Optional<Instant> usageReport(AgentState s) {
    return registered(s) ? s.usageReportDue : Optional.empty();
  }

  /** The next ID certificate renewal; at the latest 30 days before the certificate expires. */
  static Optional<Instant> idRenewal(AgentState s, ProductPolicy p, Instant now) {
    if (!registered(s)) {
      return Optional.empty();
    }
    Registration r = s.reg.get();
    Instant latest = r.idCertNotAfter().minus(Duration.ofDays(30));
    return Optional.of(
        s.idRetry
            .nextRetry()
            .map(at -> atMost(at, now.plus(p.retryMax())))
            .orElseGet(() -> atMost(r.lastIdRenewal().plus(p.idCertRenewal()), latest)));
  }

  /** The next local deadline, notice or checkpoint; at most a day away while enabled. */
  static Optional<Instant> tick(AgentState s, ProductPolicy p, Instant now) {
    Optional<Instant> local = Wakeups.next(s, p, now);
    return s.enabled ? Wakeups.earliest(local, Optional.of(now.plus(LONGEST_SLEEP))) : local;
  }

  private static boolean registered(AgentState s) {
    return s.durableRegistration() == org.opensmartagent.core.RegistrationState.REGISTERED
        && s.reg.isPresent();
  }

  private static Instant atMost(Instant t, Instant max) {
    return t.isAfter(max) ? max : t;
  }
}
