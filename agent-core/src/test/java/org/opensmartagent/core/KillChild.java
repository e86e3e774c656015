package org.opensmartagent.core;

import java.nio.file.Path;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.ScriptedTransport;

/**
 * The process {@link KillTest} kills: an agent on a {@link FileTrustedStore} that commits a larger
 * data-loss-prevention count again and again. It prints {@code START n} with the count it found,
 * then {@code COMMITTED n} after each commit has returned (so is durable). Runs until killed.
 */
public final class KillChild {
  private KillChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    VirtualTime time = new VirtualTime(Fixtures.START);
    FileTrustedStore store =
        FileTrustedStore.open(dir.resolve("store"), DeviceSecret.randomFileIn(dir));
    SmartAgent agent =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(Fixtures.UDI)
            .transport(new ScriptedTransport(time.clock()))
            .store(store)
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .build();
    agent.enable();
    long count = countOf(agent);
    System.out.println("START " + count);
    System.out.flush();
    while (true) {
      count++;
      agent.request(new EntitlementRequest(Fixtures.DLP, count, CountUnit.DEVICES));
      System.out.println("COMMITTED " + count);
      System.out.flush();
    }
  }

  static long countOf(SmartAgent agent) {
    return agent.status().entitlement(Fixtures.DLP).map(AgentStatus.Entitlement::count).orElse(0L);
  }
}
