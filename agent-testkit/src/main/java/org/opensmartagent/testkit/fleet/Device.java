package org.opensmartagent.testkit.fleet;

import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;

/** One simulated product: its agent, its token and the usage it currently asks for. */
final class Device {
  final SmartAgent agent;
  final String token;
  final long registerAtHour;
  private volatile long usage;
  private volatile boolean deregistered;

  Device(SmartAgent agent, String token, long registerAtHour, long usage) {
    this.agent = agent;
    this.token = token;
    this.registerAtHour = registerAtHour;
    this.usage = usage;
  }

  /** Enables, asks for its usage and registers; true when the server accepted it. */
  boolean register() {
    agent.enable();
    agent.request(new EntitlementRequest(FleetSimulator.FEATURE, usage, CountUnit.USERS));
    return agent.register(token).succeeded();
  }

  void use(long count) {
    if (deregistered) {
      return;
    }
    usage = count;
    agent.request(new EntitlementRequest(FleetSimulator.FEATURE, count, CountUnit.USERS));
  }

  boolean deregister() {
    if (deregistered || !isRegistered()) {
      return false;
    }
    deregistered = true;
    return agent.deregister().succeeded();
  }

  boolean isRegistered() {
    return agent.status().registration().state() == RegistrationState.REGISTERED;
  }

  long usage() {
    return usage;
  }
}
