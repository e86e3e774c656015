package org.opensmartagent.benchmarks;

import java.nio.file.Path;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.time.Schedulers;

/**
 * Stands in for {@code license_smart status} until the CLI exists: opens a FileTrustedStore-backed
 * agent in the directory given and prints {@code status()}. Measured cold: {@code java -cp
 * benchmarks.jar org.opensmartagent.benchmarks.StatusMain DIR}.
 */
public final class StatusMain {
  private StatusMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "osa-status-store");
    try (Schedulers.ClosableScheduler scheduler = Schedulers.daemon("status", 1);
        SmartAgent agent =
            Agents.offline(
                    FileTrustedStore.open(dir, DeviceSecret.randomFileIn(dir)),
                    scheduler,
                    "FCH0001")
                .build()) {
      System.out.println(agent.status());
    }
  }
}
