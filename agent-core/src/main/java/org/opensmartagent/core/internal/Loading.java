package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.StoreLoad;

/**
 * The engine's start: reads the store and turns what it holds into the first state. An unreadable
 * state starts untrusted (unregistered, no evaluation), a stored entitlement the firmware no longer
 * declares is retired, a store restored from an older copy grants nothing new, and a store of
 * another device is refused. Stateless.
 */
final class Loading {
  private Loading() {}

  /** The first state, the store's load status and the events to raise at the first commit. */
  record Loaded(AgentState state, StoreLoad.Status status, List<AgentEvent> events) {}

  /**
   * Loads the stored state (or a fresh one on first boot).
   *
   * @throws StoreException when the store cannot be read at all, or belongs to another device (the
   *     store is then closed, unchanged)
   */
  static Loaded load(EngineConfig config) throws StoreException {
    StoreLoad load = config.store().load();
    List<AgentEvent> events = new ArrayList<>();
    AgentState initial = initialState(config.policy(), load, events, config.clock().instant());
    try {
      StoreBinding.refuseForeign(initial, config);
    } catch (StoreException e) {
      config.store().close(); // the refused store stays as it was, and unlocked
      throw e;
    }
    StoredIdentity.reverify(initial, config, events);
    return new Loaded(initial, load.status(), events);
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
      if (e.requested && s.durableRegistration() == RegistrationState.REGISTERED) {
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
}
