package org.opensmartagent.benchmarks;

import java.security.SecureRandom;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.time.AgentScheduler;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.MockLicenseServer;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.Transports;

/** A started mock license server on loopback with one account, licenses and a token. */
final class LoopbackServer implements AutoCloseable {
  final MockLicenseServer server;
  final String token;

  LoopbackServer(boolean https) throws Exception {
    server =
        MockLicenseServer.builder()
            .https(https)
            .instanceLimit(1_000_000)
            .random(new SecureRandom())
            .build()
            .start();
    server.admin().createSmartAccount("acme").createVirtualAccount("acme", "lab");
    server.admin().addLicenses("lab", LicenseGrant.perpetual(Agents.MALWARE, 1_000_000_000L));
    token = server.admin().createToken("lab", new TokenSpec("bench", 365, 1_000_000_000, false));
  }

  /** A new agent for this server over the Direct transport. */
  SmartAgent agent(TrustedStore store, AgentScheduler scheduler, String serial) throws Exception {
    return SmartAgent.builder()
        .policy(Agents.POLICY)
        .udi(Udi.of("ESA-C170", serial))
        .channel(Transports.channel(server.transportSettings(TransportKind.DIRECT)))
        .pinnedRoot(server.pinnedRoot())
        .store(store)
        .scheduler(scheduler)
        .build();
  }

  /** Enables, requests 5 users, registers (which also authorizes); throws if refused. */
  void registerAndAuthorize(SmartAgent agent) {
    agent.enable();
    agent.request(
        new org.opensmartagent.core.EntitlementRequest(
            Agents.MALWARE, 5, org.opensmartagent.core.CountUnit.USERS));
    OperationResult r = agent.register(token);
    if (!r.succeeded()) {
      throw new IllegalStateException("registration failed: " + r.message());
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
