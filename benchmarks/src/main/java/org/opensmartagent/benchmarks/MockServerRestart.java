package org.opensmartagent.benchmarks;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.KeyAlgorithm;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.testkit.Database;
import org.opensmartagent.testkit.MockLicenseServer;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.Transports;

/**
 * Not JMH: starts the SQLite-backed mock server on an existing database (for example the one {@link
 * MockServerScale} leaves behind) {@code RUNS} times and prints, for each start, the time from
 * {@code build()} to the first answered registration (and its authorization). The first start also
 * migrates a database of an older schema. Run: {@code java -cp target/benchmarks.jar
 * org.opensmartagent.benchmarks.MockServerRestart DB [RUNS]} on a copy of the database (each run
 * registers one more instance).
 */
public final class MockServerRestart {
  private MockServerRestart() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, new SecureRandom());
    for (int run = 1; run <= runs; run++) {
      long start = System.nanoTime();
      try (MockLicenseServer server =
          MockLicenseServer.builder()
              .https(false)
              .instanceLimit(Integer.MAX_VALUE)
              .database(Database.sqlite(db))
              .build()
              .start()) {
        String token = server.admin().createToken("lab", TokenSpec.standard("restart " + run));
        try (MessageChannel channel =
            Transports.channel(server.transportSettings(TransportKind.TRANSPORT_GATEWAY))) {
          MockServerScale.register(channel, keys, token, "RESTART", System.nanoTime());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "start %d with %,d instances to the first answered registration: %.2f s%n",
            run, server.admin().instances().size() - 1, seconds);
      }
    }
  }
}
