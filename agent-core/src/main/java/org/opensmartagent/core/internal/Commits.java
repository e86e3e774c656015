package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.StoreLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of the agent's state and its only writer: the published {@link AgentState}, the agent's
 * time and the commit pipeline. A commit works on a private copy under the state lock, reads the
 * trusted time, applies the change and the licensing rules, stores the result and only then
 * publishes it, updates the feature gates, re-arms the wake-up ({@link Loop#reschedule}) and, after
 * the lock, delivers the events. A change that fails at any step leaves memory and store as they
 * were.
 *
 * <p>Thread-safe: commits are serialized by the state lock, which is never held across an exchange;
 * {@link #current()} and {@link #peekTime()} read the published state without locking.
 */
final class Commits implements StateAccess {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEngine.class);

  private final EngineConfig config;
  private final ProductPolicy policy;
  private final AgentTime time;
  private final ReentrantLock stateLock = new ReentrantLock();
  private volatile AgentState current;
  private volatile boolean closed;
  private Loop loop;

  Commits(EngineConfig config, AgentState initial) {
    this.config = config;
    this.policy = config.policy();
    this.time = new AgentTime(config.clock(), config.ticker());
    this.current = initial;
  }

  /** Connects the loop the commits re-arm; once, before the first commit. */
  void attach(Loop loop) {
    this.loop = loop;
  }

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
    Optional<StoreException> refused = Optional.empty();
    stateLock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("The agent is closed; build a new one");
      }
      AgentState next = current.copy();
      AgentTime.Reading reading = time.read(next);
      Instant now = reading.now();
      List<AgentEvent> clockEvents = new ArrayList<>();
      if (reference.isPresent()) {
        Instant before = now;
        now = time.resync(next, reference.get());
        Duration back = Duration.between(now, before);
        if (back.compareTo(AgentTime.JUMP) >= 0) {
          AgentTime.healStamps(next, now, back, policy);
          clockEvents.add(ClockEvents.resynced(now, back));
        }
      } else {
        Events clock = new Events(now);
        reading.jumped().ifPresent(jump -> ClockEvents.changed(next, reading, jump, clock));
        clockEvents.addAll(clock.list());
      }
      Events ev = new Events(now);
      clockEvents.forEach(ev::add);
      Rules.settleEvaluation(next, now, reading.nanos());
      result = change.apply(next, now, ev);
      Rules.apply(next, now, policy, ev);
      if (durable) {
        refused = store(next);
      }
      if (refused.isPresent()) {
        delivered = List.of(storeFailed(next, refused.get()));
      } else {
        current = next;
        publishGates(next);
        loop.reschedule(next, now);
        delivered = ev.list();
      }
    } finally {
      stateLock.unlock();
    }
    // listeners run outside the state lock, the failure's event too: a listener may call the agent
    delivered.forEach(this::deliver);
    if (refused.isPresent()) {
      throw new AgentStoreException(refused.get());
    }
    return result;
  }

  /**
   * Stores the state; the failure, if the state did not reach the disk. A save that fails is
   * checked against what the store now holds: when the new state did reach the disk (the failure
   * came after the rename) the change counts as committed, so that memory and disk never disagree.
   */
  private Optional<StoreException> store(AgentState next) {
    byte[] payload = StateCodec.encode(next);
    try {
      config.store().save(payload);
    } catch (StoreException e) {
      if (onDisk(payload)) {
        LOG.warn(
            "The store reported a failure after the licensing state was written ({}); the"
                + " written state is kept",
            e.getMessage());
        return Optional.empty();
      }
      LOG.error("Licensing state not saved; change discarded: {}", e.getMessage());
      return Optional.of(e);
    }
    return Optional.empty();
  }

  private static AgentEvent storeFailed(AgentState next, StoreException e) {
    return AgentEvent.of(
        EventCode.STORE_WRITE_FAILED,
        next.lastTrustedTime,
        "The licensing state could not be saved; the change was not applied: " + e.getMessage());
  }

  private boolean onDisk(byte[] payload) {
    try {
      StoreLoad load = config.store().load();
      return load.hasPayload() && Arrays.equals(load.payload(), payload);
    } catch (StoreException | RuntimeException e) {
      return false;
    }
  }

  private void publishGates(AgentState s) {
    Map<EntitlementTag, Boolean> allowed = new HashMap<>();
    for (EntitlementState e : s.entitlements.values()) {
      policy.entitlement(e.tag).ifPresent(d -> allowed.put(e.tag, Rules.allowed(d, e.mode)));
    }
    config.gates().accept(allowed);
  }

  /** Re-arms the wake-up after something outside the state changed (a pending registration). */
  @Override
  public void rescheduleNow() {
    locked(() -> loop.reschedule(current, time.peek(current)));
  }

  /** Runs {@code action} under the state lock unless the agent is closed; false if it was. */
  boolean locked(Runnable action) {
    stateLock.lock();
    try {
      if (closed) {
        return false;
      }
      action.run();
      return true;
    } finally {
      stateLock.unlock();
    }
  }

  /** Closes: no commit after this; {@code last} runs under the lock. False if already closed. */
  boolean close(Runnable last) {
    return locked(
        () -> {
          closed = true;
          last.run();
        });
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T exclusive(String what, Supplier<T> operation) {
    return loop.exclusive(what, operation);
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

  @Override
  public AgentState current() {
    return current;
  }

  @Override
  public Instant peekTime() {
    return time.peek(current);
  }

  /** The monotonic ticker now, for the status's projection of the evaluation. */
  long nanos() {
    return time.nanos();
  }
}
