package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.StoreLoad;
import org.opensmartagent.core.time.AgentScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The licensing engine: owns the agent's state and changes it only through {@link #commit}, which
 * works on a private copy under one lock, applies the licensing rules, stores the result and only
 * then publishes it, updates the feature gates, reschedules the single wake-up and delivers the
 * events. A change that fails at any step leaves memory and store exactly as they were.
 *
 * <p>Threads: operator and firmware calls run on their own threads; timers run on the injected
 * scheduler. Network operations are serialized by a second lock that is never held by the feature
 * check or the status snapshot, which read the published state without locking.
 */
public final class AgentEngine implements AutoCloseable, StateAccess {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEngine.class);

  /**
   * How long an operator operation waits behind the one in progress: longer than any exchange's
   * total deadline, so it only gives up when something is wrong.
   */
  static final Duration OPERATION_WAIT = Duration.ofMinutes(3);

  final EngineConfig config;
  final ProductPolicy policy;
  private final AgentTime time;
  private final ReentrantLock stateLock = new ReentrantLock();
  private final ReentrantLock operationLock = new ReentrantLock();
  private final ServerOperations server;
  private final ReservationOperations reservation;
  private volatile AgentState current;
  private AgentScheduler.Cancellable wakeup = AgentScheduler.Cancellable.NONE;
  private Optional<Instant> wakeupAt = Optional.empty();
  private volatile boolean closed;

  /** A wake-up found the operation lock held: the holder runs the loop right after it ends. */
  private final AtomicBoolean wakeDeferred = new AtomicBoolean();

  /**
   * The longest wait before retrying scheduled work that failed: the retry doubles from the
   * policy's first retry delay up to this (or the policy's longest, if shorter), so work that keeps
   * failing never hammers the server and the disk, and the agent is never silent for long.
   */
  static final Duration FAILED_WAKEUP_RETRY_MAX = Duration.ofHours(1);

  /** Wake-ups that failed in a row; guarded by {@link #operationLock}. */
  private int failedWakeups;

  /** What the operation in progress is, for an operator who waits behind it. */
  private volatile String operationInProgress = "";

  private AgentEngine(EngineConfig config, AgentState initial) {
    this.config = config;
    this.policy = config.policy();
    this.time = new AgentTime(config.clock(), config.ticker());
    this.current = initial;
    this.server = new ServerOperations(this, config);
    this.reservation = new ReservationOperations(this, config);
  }

  /**
   * Loads the stored state (or starts fresh on first boot) and starts the timers.
   *
   * @throws StoreException when the store cannot be read at all
   */
  public static AgentEngine start(EngineConfig config) throws StoreException {
    StoreLoad load = config.store().load();
    List<AgentEvent> loadEvents = new java.util.ArrayList<>();
    AgentState initial = initialState(config.policy(), load, loadEvents, config.clock().instant());
    try {
      StoreBinding.refuseForeign(initial, config);
    } catch (StoreException e) {
      config.store().close(); // the refused store stays as it was, and unlocked
      throw e;
    }
    StoredIdentity.reverify(initial, config, loadEvents);
    AgentEngine engine = new AgentEngine(config, initial);
    engine.commit(
        (s, now, ev) -> {
          loadEvents.forEach(ev::add);
          ev.add(EventCode.AGENT_READY, "Smart licensing agent ready", "store", load.status());
          return null;
        });
    return engine;
  }

  private static AgentState initialState(
      ProductPolicy policy, StoreLoad load, List<AgentEvent> events, Instant now) {
    switch (load.status()) {
      case EMPTY:
        return AgentState.fresh(policy);
      case RECOVERED_FROM_PREVIOUS:
        events.add(
            AgentEvent.of(
                EventCode.STORE_RECOVERED,
                now,
                "The newest licensing state was unreadable; the previous one was used: "
                    + load.detail()));
        // fall through: decode the recovered payload
      case CURRENT:
      case RESTORED:
        try {
          AgentState s = StateCodec.decode(load.payload());
          s.ensureEntitlements(policy);
          retireUndeclared(s, policy, events, now);
          // The time between the last stored checkpoint and now is not charged: the device
          // was off (or crashed; then at most one checkpoint interval of use goes uncounted).
          s.evalCountingSince = Optional.empty();
          return load.status() == StoreLoad.Status.RESTORED
              ? StoreBinding.restored(s, load, events, now)
              : s;
        } catch (IllegalArgumentException e) {
          return untrusted(
              policy, events, now, "the stored state is unreadable: " + e.getMessage());
        }
      case CORRUPT:
      default:
        return untrusted(policy, events, now, load.detail());
    }
  }

  /**
   * A stored entitlement the firmware no longer declares (an upgrade removed it) is retired: it is
   * dropped from the state and, on a registered product, released at the next usage report, which
   * is made due at once.
   */
  private static void retireUndeclared(
      AgentState s, ProductPolicy policy, List<AgentEvent> events, Instant now) {
    List<EntitlementTag> retired =
        s.entitlements.keySet().stream().filter(t -> policy.entitlement(t).isEmpty()).toList();
    for (EntitlementTag tag : retired) {
      EntitlementState e = s.entitlements.remove(tag);
      if (e.requested
          && s.durableRegistration() == org.opensmartagent.core.RegistrationState.REGISTERED) {
        s.usageDirty = true;
        s.usageReportDue = Optional.of(s.lastTrustedTime);
      }
      events.add(
          AgentEvent.of(
                  EventCode.ENTITLEMENT_RELEASED,
                  now,
                  "Retired "
                      + tag
                      + ": this firmware no longer declares it"
                      + (e.requested ? "; it is released at the next usage report" : ""))
              .with("tag", tag));
    }
  }

  private static AgentState untrusted(
      ProductPolicy policy, List<AgentEvent> events, Instant now, String why) {
    events.add(
        AgentEvent.of(
            EventCode.STORE_CORRUPTED,
            now,
            "The licensing state could not be read ("
                + why
                + "). The agent starts unregistered with no evaluation period left, so nothing is"
                + " granted that was not granted before. Register the product again."));
    return AgentState.untrusted(policy);
  }

  // ---- local operations ------------------------------------------------------------------

  public void enable() {
    commit(
        (s, now, ev) -> {
          if (!s.enabled) {
            s.enabled = true;
            s.enabledAt = Optional.of(now);
            for (EntitlementDefinition d : policy.entitlements()) {
              if (d.base()) {
                EntitlementState e = s.entitlements.get(d.tag());
                e.requested = true;
                e.count = Math.max(1, e.count);
              }
            }
            ev.add(EventCode.AGENT_ENABLED, "Smart licensing is enabled");
          }
          return null;
        });
  }

  public void request(EntitlementRequest request) {
    EntitlementDefinition d = policy.requireEntitlement(request.tag());
    if (request.unit() != d.unit()) {
      throw new IllegalArgumentException(
          d.tag() + " is counted in " + d.unit() + ", not " + request.unit());
    }
    commit(
        (s, now, ev) -> {
          EntitlementState e = s.entitlements.get(d.tag());
          if (!e.requested || e.count != request.count()) {
            e.requested = true;
            e.count = request.count();
            usageChanged(s, now);
            ev.add(
                EventCode.ENTITLEMENT_REQUESTED,
                "Requested " + request.count() + " " + d.unit() + " of " + d.displayName(),
                "tag",
                d.tag(),
                "count",
                request.count());
          }
          return null;
        });
  }

  public void release(EntitlementTag tag) {
    EntitlementDefinition d = policy.requireEntitlement(tag);
    if (d.base()) {
      throw new IllegalStateException(
          d.displayName() + " is a base entitlement: it is always in use and cannot be released");
    }
    commit(
        (s, now, ev) -> {
          EntitlementState e = s.entitlements.get(tag);
          if (e.requested) {
            e.requested = false;
            e.count = 0;
            e.clearVerdict();
            usageChanged(s, now);
            ev.add(EventCode.ENTITLEMENT_RELEASED, "Released " + d.displayName(), "tag", tag);
          }
          return null;
        });
  }

  private void usageChanged(AgentState s, Instant now) {
    if (s.durableRegistration() == org.opensmartagent.core.RegistrationState.REGISTERED) {
      s.usageDirty = true;
      if (s.usageReportDue.isEmpty()) {
        s.usageReportDue = Optional.of(now.plus(policy.usageReportDelay()));
      }
    }
  }

  public AgentStatus status() {
    AgentState s = current;
    return StatusView.of(s, time.peek(s), time.nanos(), this);
  }

  public ReservationOperations reservation() {
    return reservation;
  }

  public ServerOperations server() {
    return server;
  }

  // ---- the commit pipeline ---------------------------------------------------------------

  @Override
  public <T> T commit(Change<T> change) {
    return commit(change, true, Optional.empty());
  }

  /**
   * Commits what a verified server answer says, with the server's signed time ({@code serverTime},
   * already checked against the skew tolerance) as the new reference for agent time.
   */
  @Override
  public <T> T commitVerified(Instant serverTime, Change<T> change) {
    return commit(change, true, Optional.of(serverTime));
  }

  /**
   * Applies a change to the in-memory state only. Allowed solely for changes to what is never
   * stored (an attempt under way), so that it works even when the store does not.
   */
  @Override
  public <T> T commitTransient(Change<T> change) {
    return commit(change, false, Optional.empty());
  }

  private <T> T commit(Change<T> change, boolean durable, Optional<Instant> reference) {
    List<AgentEvent> delivered;
    T result;
    stateLock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("The agent is closed; build a new one");
      }
      AgentState next = current.copy();
      AgentTime.Reading reading = time.read(next);
      Instant now = reading.now();
      List<AgentEvent> clockEvents = new java.util.ArrayList<>();
      if (reference.isPresent()) {
        Instant before = now;
        now = time.resync(next, reference.get());
        Duration back = Duration.between(now, before);
        if (back.compareTo(AgentTime.JUMP) >= 0) {
          AgentTime.healStamps(next, now, back, policy);
          clockEvents.add(resynced(now, back));
        }
      } else {
        Events clock = new Events(now);
        reading.jumped().ifPresent(jump -> clockChanged(next, reading, jump, clock));
        clockEvents.addAll(clock.list());
      }
      Events ev = new Events(now);
      clockEvents.forEach(ev::add);
      Rules.settleEvaluation(next, now, reading.nanos());
      result = change.apply(next, now, ev);
      Rules.apply(next, now, policy, ev);
      if (durable) {
        store(next);
      }
      current = next;
      publishGates(next);
      reschedule(next, now);
      delivered = ev.list();
    } finally {
      stateLock.unlock();
    }
    delivered.forEach(this::deliver);
    return result;
  }

  /**
   * Stores the state. A save that fails is checked against what the store now holds: when the new
   * state did reach the disk (the failure came after the rename) the change counts as committed, so
   * that memory and disk never disagree.
   */
  private void store(AgentState next) {
    byte[] payload = StateCodec.encode(next);
    try {
      config.store().save(payload);
    } catch (StoreException e) {
      if (onDisk(payload)) {
        LOG.warn(
            "The store reported a failure after the licensing state was written ({}); the"
                + " written state is kept",
            e.getMessage());
        return;
      }
      LOG.error("Licensing state not saved; change discarded: {}", e.getMessage());
      deliver(
          AgentEvent.of(
              EventCode.STORE_WRITE_FAILED,
              next.lastTrustedTime,
              "The licensing state could not be saved; the change was not applied: "
                  + e.getMessage()));
      throw new AgentStoreException(e);
    }
  }

  private boolean onDisk(byte[] payload) {
    try {
      StoreLoad load = config.store().load();
      return load.hasPayload() && java.util.Arrays.equals(load.payload(), payload);
    } catch (StoreException | RuntimeException e) {
      return false;
    }
  }

  private static AgentEvent resynced(Instant now, Duration back) {
    return AgentEvent.of(
            EventCode.SYSTEM_CLOCK_CHANGED,
            now,
            "Agent time was "
                + Durations.format(back)
                + " ahead of the license server's signed time (the clock had jumped forward and"
                + " was corrected); it continues from the server's time "
                + now)
        .with("resynchronizedBack", back);
  }

  private void clockChanged(AgentState s, AgentTime.Reading r, Duration jump, Events ev) {
    if (!jump.isNegative()) {
      ev.add(
          EventCode.SYSTEM_CLOCK_CHANGED,
          "The system clock went forward by "
              + Durations.format(jump)
              + " (now "
              + r.raw()
              + "); deadlines come closer by as much. If this was wrong, correct the clock: the"
              + " agent takes the license server's time again at its next contact.",
          "forward",
          jump);
      return;
    }
    Duration gap = jump.negated();
    ev.add(
        EventCode.SYSTEM_CLOCK_CHANGED,
        "The system clock went back by "
            + Durations.format(gap)
            + " (now "
            + r.raw()
            + "); licensing time continues from "
            + r.now()
            + " so nothing is extended. Fix the device clock.",
        "rolledBack",
        gap);
    s.reg
        .filter(reg -> r.raw().isBefore(reg.idCertNotBefore()))
        .ifPresent(
            reg ->
                ev.add(
                    EventCode.ID_CERT_OUT_OF_RANGE,
                    "The system clock ("
                        + r.raw()
                        + ") is before the ID certificate's start ("
                        + reg.idCertNotBefore()
                        + "). Fix the device clock."));
  }

  private void publishGates(AgentState s) {
    Map<EntitlementTag, Boolean> allowed = new HashMap<>();
    for (EntitlementState e : s.entitlements.values()) {
      policy.entitlement(e.tag).ifPresent(d -> allowed.put(e.tag, Rules.allowed(d, e.mode)));
    }
    config.gates().accept(allowed);
  }

  private void reschedule(AgentState s, Instant now) {
    arm(Due.next(s, policy, now, server.pendingRetry()).map(Due.Next::at), now);
  }

  /** Re-arms the wake-up after something outside the state changed (a pending registration). */
  @Override
  public void rescheduleNow() {
    stateLock.lock();
    try {
      if (!closed) {
        reschedule(current, time.peek(current));
      }
    } finally {
      stateLock.unlock();
    }
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

  /**
   * The loop: runs on the scheduler. Work that finds an operation in progress is not dropped: the
   * operation runs it right after it ends ({@link #exclusive}). Work that fails (a store that is
   * full for a moment) re-arms a retry, so the timers never stop.
   */
  private void onWakeup() {
    if (closed) {
      return;
    }
    stateLock.lock();
    try {
      wakeupAt = Optional.empty();
      wakeup = AgentScheduler.Cancellable.NONE;
    } finally {
      stateLock.unlock();
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
      operationLock.unlock();
    }
    runDeferredWake();
  }

  /** Runs every action due now, then sleeps until the next ({@link Due}). */
  private void runDue() {
    commit((s, now, ev) -> null);
    for (int i = 0; i < Due.Action.values().length; i++) {
      AgentState s = current;
      Instant now = peekTime();
      Optional<Due.Next> next = Due.next(s, policy, now, server.pendingRetry());
      if (next.isEmpty() || !next.get().isDue(now) || next.get().action() == Due.Action.TICK) {
        return;
      }
      server.run(next.get().action(), now);
    }
    // Still due after running it: never spin; try again after the shortest backoff.
    Instant now = peekTime();
    if (Due.next(current, policy, now, server.pendingRetry())
        .filter(n -> n.isDue(now))
        .isPresent()) {
      LOG.warn("Licensing work is still due after running it; retrying shortly");
      stateLock.lock();
      try {
        arm(Optional.of(now.plus(policy.retryInitial())), now);
      } finally {
        stateLock.unlock();
      }
    }
  }

  /**
   * How long to wait after the {@code failed}-th wake-up in a row failed (0 for the first): the
   * policy's first retry delay, doubled per failure up to {@link #FAILED_WAKEUP_RETRY_MAX}.
   */
  Duration failedWakeupDelay(int failed) {
    Duration max =
        policy.retryMax().compareTo(FAILED_WAKEUP_RETRY_MAX) < 0
            ? policy.retryMax()
            : FAILED_WAKEUP_RETRY_MAX;
    Duration d = policy.retryInitial();
    for (int i = 0; i < failed && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) < 0 ? d : max;
  }

  /** After a failed wake-up: try again after {@code delay}, unless armed sooner. */
  private void armRetry(Duration delay) {
    stateLock.lock();
    try {
      if (closed) {
        return;
      }
      Instant now = time.peek(current);
      Instant at = now.plus(delay);
      if (wakeupAt.isEmpty() || wakeupAt.get().isAfter(at)) {
        arm(Optional.of(at), now);
      }
    } finally {
      stateLock.unlock();
    }
  }

  private void runDeferredWake() {
    if (!closed && wakeDeferred.getAndSet(false)) {
      config.scheduler().schedule(Duration.ZERO, this::onWakeup);
    }
  }

  /**
   * Runs a network operation; only one runs at a time per agent. An operator who has to wait is
   * told so in the log and, for an operation result, in its message.
   */
  @Override
  public <T> T exclusive(String what, java.util.function.Supplier<T> operation) {
    long waitedNanos = 0;
    if (!operationLock.tryLock()) {
      String busy = operationInProgress;
      LOG.info("{} waits for the licensing operation in progress ({}) to end", what, busy);
      long start = System.nanoTime();
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
      waitedNanos = Math.max(1, System.nanoTime() - start);
    }
    try {
      operationInProgress = what;
      T result = operation.get();
      if (waitedNanos > 0 && result instanceof org.opensmartagent.core.OperationResult r) {
        @SuppressWarnings("unchecked")
        T told =
            (T)
                new org.opensmartagent.core.OperationResult(
                    r.operation(),
                    r.outcome(),
                    r.message()
                        + " (This operation first waited "
                        + Durations.format(Duration.ofNanos(waitedNanos))
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

  @Override
  public void deliver(AgentEvent event) {
    switch (event.severity()) {
      case ERROR -> LOG.error("%{}: {}", event.code(), event.message());
      case WARNING -> LOG.warn("%{}: {}", event.code(), event.message());
      case NOTICE -> LOG.info("%{}: {}", event.code(), event.message());
      case INFO -> LOG.debug("%{}: {}", event.code(), event.message());
    }
    try {
      config.listener().onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("An agent listener threw on {}; ignored", event.code(), e);
    }
  }

  public EngineConfig config() {
    return config;
  }

  @Override
  public AgentState current() {
    return current;
  }

  @Override
  public Instant peekTime() {
    return time.peek(current);
  }

  @Override
  public void close() {
    if (!closed && current.evalCountingSince.filter(peekTime()::isAfter).isPresent()) {
      try {
        commit((s, now, ev) -> null); // an evaluation checkpoint: a clean power-off loses nothing
      } catch (RuntimeException e) {
        LOG.warn("The last checkpoint before closing was not saved: {}", e.getMessage());
      }
    }
    stateLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      wakeup.cancel();
      server.forgetPending();
    } finally {
      stateLock.unlock();
    }
    config.store().close();
  }
}
