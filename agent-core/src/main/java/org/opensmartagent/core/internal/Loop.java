package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.time.AgentScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one loop and the operation lock. The single wake-up is armed at what {@link Due} finds next
 * (by {@link Commits} after every commit, under the state lock); at the wake-up, on the scheduler's
 * thread, the loop runs every action due, one exchange at a time under the operation lock. Work
 * that finds an operation in progress is not dropped: the operation runs the loop right after it
 * ends. Work that fails (a store full for a moment) is retried with a doubling delay, so the timers
 * never stop. Operator operations take the operation lock through {@link #exclusive}.
 */
final class Loop {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEngine.class);

  /**
   * How long an operator operation waits behind the one in progress: longer than any exchange's
   * total deadline, so it only gives up when something is wrong.
   */
  static final Duration OPERATION_WAIT = Duration.ofMinutes(3);

  /**
   * The longest wait before retrying scheduled work that failed: the retry doubles from the
   * policy's first retry delay up to this (or the policy's longest, if shorter), so work that keeps
   * failing never hammers the server and the disk, and the agent is never silent for long.
   */
  static final Duration FAILED_WAKEUP_RETRY_MAX = Duration.ofHours(1);

  /**
   * The shortest wait behind another operation that an operator is told about: a shorter one (the
   * loop's usage report in the same process, a few milliseconds) is noise, and would read "waited 0
   * days 0 hr 0 min 0 sec".
   */
  static final Duration WAIT_WORTH_SAYING = Duration.ofSeconds(1);

  private final Commits state;
  private final EngineConfig config;
  private final ProductPolicy policy;
  private final ServerOperations server;
  private final ReentrantLock operationLock = new ReentrantLock();

  /** Guarded by the state lock. */
  private AgentScheduler.Cancellable wakeup = AgentScheduler.Cancellable.NONE;

  /** Guarded by the state lock. */
  private Optional<Instant> wakeupAt = Optional.empty();

  /** A wake-up found the operation lock held: the holder runs the loop right after it ends. */
  private final AtomicBoolean wakeDeferred = new AtomicBoolean();

  /** Wake-ups that failed in a row; guarded by {@link #operationLock}. */
  private int failedWakeups;

  /** What the operation in progress is, for an operator who waits behind it. */
  private volatile String operationInProgress = "";

  Loop(Commits state, EngineConfig config, ServerOperations server) {
    this.state = state;
    this.config = config;
    this.policy = config.policy();
    this.server = server;
  }

  /** Arms the wake-up at what is due next for {@code s}; called under the state lock. */
  void reschedule(AgentState s, Instant now) {
    arm(Due.next(s, policy, now, server.pendingRetry()).map(Due.Next::at), now);
  }

  /** Arms the single wake-up at {@code due}; called under the state lock. */
  private void arm(Optional<Instant> due, Instant now) {
    if (due.equals(wakeupAt)) {
      return;
    }
    wakeup.cancel();
    wakeupAt = due;
    wakeup =
        due.map(at -> config.scheduler().schedule(Duration.between(now, at), this::onWakeup))
            .orElse(AgentScheduler.Cancellable.NONE);
  }

  /** Cancels the wake-up; called under the state lock when the agent closes. */
  void cancel() {
    wakeup.cancel();
  }

  /** The wake-up, on the scheduler's thread. */
  private void onWakeup() {
    boolean open =
        state.locked(
            () -> {
              wakeupAt = Optional.empty();
              wakeup = AgentScheduler.Cancellable.NONE;
            });
    if (!open) {
      return;
    }
    wakeDeferred.set(true);
    if (!operationLock.tryLock()) {
      return; // the operation in progress runs the loop when it ends
    }
    try {
      wakeDeferred.set(false);
      operationInProgress = "scheduled licensing work";
      runDue();
      failedWakeups = 0;
    } catch (RuntimeException e) {
      // a wake-up that fired meanwhile on another scheduler thread was for the work that failed
      wakeDeferred.set(false);
      Duration delay = failedWakeupDelay(failedWakeups++);
      if (failedWakeups == 1) {
        LOG.error("Scheduled licensing work failed; it is retried in {}", delay, e);
      } else {
        LOG.error(
            "Scheduled licensing work failed again ({} times in a row); it is retried in {}: {}",
            failedWakeups,
            delay,
            e.toString());
      }
      armRetry(delay);
    } finally {
      operationInProgress = "";
      operationLock.unlock();
    }
    runDeferredWake();
  }

  /** Runs every action due now, then sleeps until the next ({@link Due}). */
  private void runDue() {
    state.commit((s, now, ev) -> null);
    for (int i = 0; i < Due.Action.values().length; i++) {
      AgentState s = state.current();
      Instant now = state.peekTime();
      Optional<Due.Next> next = Due.next(s, policy, now, server.pendingRetry());
      if (next.isEmpty() || !next.get().isDue(now) || next.get().action() == Due.Action.TICK) {
        return;
      }
      server.run(next.get().action(), now);
    }
    // Still due after running it: never spin; try again after the shortest backoff.
    Instant now = state.peekTime();
    if (Due.next(state.current(), policy, now, server.pendingRetry())
        .filter(n -> n.isDue(now))
        .isPresent()) {
      LOG.warn("Licensing work is still due after running it; retrying shortly");
      state.locked(() -> arm(Optional.of(now.plus(policy.retryInitial())), now));
    }
  }

  /**
   * How long to wait after the {@code failed}-th wake-up in a row failed (0 for the first): the
   * policy's first retry delay, doubled per failure up to {@link #FAILED_WAKEUP_RETRY_MAX}.
   */
  Duration failedWakeupDelay(int failed) {
    return Backoff.doubled(
        policy.retryInitial(), failed, Durations.min(policy.retryMax(), FAILED_WAKEUP_RETRY_MAX));
  }

  /**
   * After a failed wake-up: try again after {@code delay}, or sooner if something else falls due
   * before then (a usage report, a notice): the failure of one piece of work never delays another.
   * What is due now is the work that failed, so it waits for the delay.
   */
  private void armRetry(Duration delay) {
    state.locked(
        () -> {
          Instant now = state.peekTime();
          Instant at =
              Due.nextAfter(state.current(), policy, now, server.pendingRetry())
                  .filter(due -> due.isBefore(now.plus(delay)))
                  .orElse(now.plus(delay));
          // A wake-up armed at or before now is the failed work itself (the wake-up's first commit
          // re-arms at what is due): keeping it would run the failed work again at once, for ever.
          if (wakeupAt.isEmpty() || !wakeupAt.get().isAfter(now) || wakeupAt.get().isAfter(at)) {
            arm(Optional.of(at), now);
          }
        });
  }

  private void runDeferredWake() {
    if (!state.isClosed() && wakeDeferred.getAndSet(false)) {
      config.scheduler().schedule(Duration.ZERO, this::onWakeup);
    }
  }

  /**
   * Runs a network operation; only one runs at a time per agent. An operator who has to wait is
   * told so in the log and, for an operation result, in its message.
   */
  <T> T exclusive(String what, Supplier<T> operation) {
    Duration waited = Duration.ZERO;
    if (!operationLock.tryLock()) {
      String busy = operationInProgress;
      LOG.info("{} waits for the licensing operation in progress ({}) to end", what, busy);
      long start = config.ticker().getAsLong();
      try {
        if (!operationLock.tryLock(OPERATION_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(
              "Another licensing operation ("
                  + busy
                  + ") has been running for over "
                  + OPERATION_WAIT.toMinutes()
                  + " minutes; try again when it ends");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "Interrupted while waiting for another licensing operation (" + busy + ")");
      }
      waited = Duration.ofNanos(config.ticker().getAsLong() - start);
    }
    try {
      operationInProgress = what;
      T result = operation.get();
      if (waited.compareTo(WAIT_WORTH_SAYING) >= 0 && result instanceof OperationResult r) {
        @SuppressWarnings("unchecked")
        T told =
            (T)
                new OperationResult(
                    r.operation(),
                    r.outcome(),
                    r.message()
                        + " (This operation first waited "
                        + Durations.format(waited)
                        + " for another licensing operation in progress to end.)",
                    r.rejectReason(),
                    r.nextRetry());
        return told;
      }
      return result;
    } finally {
      operationInProgress = "";
      operationLock.unlock();
      runDeferredWake();
    }
  }
}
