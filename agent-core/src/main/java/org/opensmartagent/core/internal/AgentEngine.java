package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.Optional;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The licensing engine, split by phase: {@link Loading} reads the store into the first state,
 * {@link Commits} owns the state and is its only writer (the commit pipeline), {@link Loop} runs
 * what is due and serializes network operations, {@link ServerOperations} and {@link
 * ReservationOperations} talk to the server and install codes. This class wires them together and
 * holds the local operations of the firmware (enable, request, release) and the status.
 *
 * <p>Threads: operator and firmware calls run on their own threads; timers run on the injected
 * scheduler. Network operations are serialized by the operation lock, which is never held by the
 * feature check or the status snapshot: they read the published state without locking.
 */
public final class AgentEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEngine.class);

  final EngineConfig config;
  final ProductPolicy policy;
  private final Commits state;
  private final Loop loop;
  private final ServerOperations server;
  private final ReservationOperations reservation;

  private AgentEngine(EngineConfig config, AgentState initial) {
    this.config = config;
    this.policy = config.policy();
    this.state = new Commits(config, initial);
    this.server = new ServerOperations(state, config);
    this.reservation = new ReservationOperations(state, config);
    this.loop = new Loop(state, config, server);
    state.attach(loop);
  }

  /**
   * Loads the stored state (or starts fresh on first boot) and starts the timers.
   *
   * @throws StoreException when the store cannot be read at all
   */
  public static AgentEngine start(EngineConfig config) throws StoreException {
    Loading.Loaded loaded = Loading.load(config);
    AgentEngine engine = new AgentEngine(config, loaded.state());
    engine.state.commit(
        (s, now, ev) -> {
          loaded.events().forEach(ev::add);
          ev.add(EventCode.AGENT_READY, "Smart licensing agent ready", "store", loaded.status());
          return null;
        });
    return engine;
  }

  // ---- local operations ------------------------------------------------------------------

  public void enable() {
    state.commit(
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
    state.commit(
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
    state.commit(
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
    if (s.durableRegistration() == RegistrationState.REGISTERED) {
      s.usageDirty = true;
      if (s.usageReportDue.isEmpty()) {
        s.usageReportDue = Optional.of(now.plus(policy.usageReportDelay()));
      }
    }
  }

  public AgentStatus status() {
    AgentState s = state.current();
    return StatusView.of(s, state.peekTime(), state.nanos(), this);
  }

  public ReservationOperations reservation() {
    return reservation;
  }

  public ServerOperations server() {
    return server;
  }

  public EngineConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (!state.isClosed()
        && state.current().evalCountingSince.filter(state.peekTime()::isAfter).isPresent()) {
      try {
        state.commit(
            (s, now, ev) -> null); // an evaluation checkpoint: a clean power-off loses nothing
      } catch (RuntimeException e) {
        LOG.warn("The last checkpoint before closing was not saved: {}", e.getMessage());
      }
    }
    boolean closedNow =
        state.close(
            () -> {
              loop.cancel();
              server.forgetPending();
            });
    if (closedNow) {
      config.store().close();
    }
  }
}
