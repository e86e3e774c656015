package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
public final class AgentEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEngine.class);
  private static final Duration OPERATION_WAIT = Duration.ofMinutes(2);

  /** The agent wakes at least this often, to notice wall-clock jumps while it sleeps. */
  private static final Duration LONGEST_SLEEP = Duration.ofDays(1);

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

  /** A change to a private copy of the state at trusted time {@code now}. */
  @FunctionalInterface
  interface Change<T> {
    T apply(AgentState s, Instant now, Events events);
  }

  private AgentEngine(EngineConfig config, AgentState initial) {
    this.config = config;
    this.policy = config.policy();
    this.time = new AgentTime(config.clock(), config.ticker());
    this.current = initial;
    this.server = new ServerOperations(this);
    this.reservation = new ReservationOperations(this);
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
    if (s.isRegisteredAndAuthorized()) {
      s.usageDirty = true;
      if (s.usageReportDue.isEmpty()) {
        s.usageReportDue = Optional.of(now.plus(policy.usageReportDelay()));
      }
    }
  }

  public AgentStatus status() {
    AgentState s = current;
    return StatusView.of(s, time.peek(s), this);
  }

  public ReservationOperations reservation() {
    return reservation;
  }

  public ServerOperations server() {
    return server;
  }

  // ---- the commit pipeline ---------------------------------------------------------------

  <T> T commit(Change<T> change) {
    return commit(change, true);
  }

  /**
   * Applies a change to the in-memory state only. Allowed solely for changes to what is never
   * stored (an attempt under way), so that it works even when the store does not.
   */
  <T> T commitTransient(Change<T> change) {
    return commit(change, false);
  }

  private <T> T commit(Change<T> change, boolean durable) {
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
      Events ev = new Events(now);
      reading.rolledBack().ifPresent(gap -> clockChanged(next, reading, gap, ev));
      Rules.settleEvaluation(next, now);
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

  private void store(AgentState next) {
    try {
      config.store().save(StateCodec.encode(next));
    } catch (StoreException e) {
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

  private void clockChanged(AgentState s, AgentTime.Reading r, Duration gap, Events ev) {
    if (gap.compareTo(Duration.ofSeconds(1)) < 0) {
      return;
    }
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
    Optional<Instant> due =
        Wakeups.earliest(
            Wakeups.earliest(Wakeups.next(s, policy, now), server.pendingRetry()),
            s.enabled ? Optional.of(now.plus(LONGEST_SLEEP)) : Optional.empty());
    if (due.equals(wakeupAt)) {
      return;
    }
    wakeup.cancel();
    wakeupAt = due;
    wakeup =
        due.map(at -> config.scheduler().schedule(Duration.between(now, at), this::onWakeup))
            .orElse(AgentScheduler.Cancellable.NONE);
  }

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
    if (!operationLock.tryLock()) {
      return; // the operation under way reschedules when it commits
    }
    try {
      commit((s, now, ev) -> null);
      server.runDue(current, time.peek(current));
    } catch (RuntimeException e) {
      LOG.error("Scheduled licensing work failed; it is retried at the next wake-up", e);
    } finally {
      operationLock.unlock();
    }
  }

  /** Runs a network operation; only one runs at a time per agent. */
  <T> T exclusive(java.util.function.Supplier<T> operation) {
    try {
      if (!operationLock.tryLock(OPERATION_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "Another licensing operation has been running for over "
                + OPERATION_WAIT.toMinutes()
                + " minutes; try again when it ends");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for another licensing operation");
    }
    try {
      return operation.get();
    } finally {
      operationLock.unlock();
    }
  }

  void deliver(AgentEvent event) {
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

  AgentState current() {
    return current;
  }

  Instant peekTime() {
    return time.peek(current);
  }

  @Override
  public void close() {
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
