package org.opensmartagent.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.Csr;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.KeyAlgorithm;
import org.opensmartagent.core.protocol.MessageSigning;
import org.opensmartagent.core.protocol.ProtocolCodec;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.testkit.Database;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.MockLicenseServer;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.Transports;

/**
 * Not JMH: registers and authorizes N product instances (default 300,000) over loopback http on the
 * in-memory mock server and on the SQLite-backed one, both running in this JVM, and prints their
 * throughputs, their ratio, and how long the SQLite server takes from a restart with N instances to
 * its first answered registration.
 *
 * <p>The machine it runs on is shared and noisy, so the two servers are not measured one after the
 * other: the N registrations run in rounds, and each round registers a slice on both servers, in
 * alternating order (memory first in even rounds, SQLite first in odd ones). A burst of load then
 * falls on both, and the per-round ratios show it; the median per-round ratio is the figure to
 * quote. An uncounted warm-up pass on a third, in-memory server runs first so that neither measured
 * server pays for class loading and JIT. One device key signs every CSR and request (the server
 * keys instances by UDI), so the client's share of the CPU stays small; the server still verifies
 * and signs every message and issues an ID certificate per instance.
 *
 * <p>Run: {@code java -cp target/benchmarks.jar org.opensmartagent.benchmarks.MockServerScale [N]
 * [THREADS] [ROUNDS]}.
 */
public final class MockServerScale {
  private static final EntitlementTag TAG = EntitlementTag.parse("ESA_Anti_Malware");
  private static final SecureRandom RANDOM = new SecureRandom();

  private MockServerScale() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, RANDOM);
    Path dir = Files.createTempDirectory("mock-server-scale");
    Path db = dir.resolve("scale.db");

    try (Target warmUp = new Target("warm-up", MockLicenseServer.builder(), n, "W")) {
      long count = Math.max(n / 20, 50);
      double seconds = warmUp.register(0, count, threads, keys);
      System.out.printf(
          "warm-up (not counted): %,d in %.1f s: %.0f/s%n", count, seconds, count / seconds);
    }

    List<Double> ratios = new ArrayList<>();
    double memorySeconds = 0;
    double sqliteSeconds = 0;
    try (Target memory = new Target("in-memory", MockLicenseServer.builder(), n, "M");
        Target sqlite =
            new Target(
                "sqlite", MockLicenseServer.builder().database(Database.sqlite(db)), n, "S")) {
      for (int round = 0; round < rounds; round++) {
        long from = (long) n * round / rounds;
        long to = (long) n * (round + 1) / rounds;
        double m;
        double s;
        if (round % 2 == 0) {
          m = memory.register(from, to, threads, keys);
          s = sqlite.register(from, to, threads, keys);
        } else {
          s = sqlite.register(from, to, threads, keys);
          m = memory.register(from, to, threads, keys);
        }
        memorySeconds += m;
        sqliteSeconds += s;
        ratios.add(s / m);
        System.out.printf(
            "round %2d: instances %,d..%,d: in-memory %.0f/s, sqlite %.0f/s, sqlite time /"
                + " in-memory time %.2f%n",
            round + 1, from, to, (to - from) / m, (to - from) / s, s / m);
      }
      System.out.printf(
          "in-memory: %,d instances registered and authorized in %.1f s: %.0f/s (%d threads)%n",
          n, memorySeconds, n / memorySeconds, threads);
      System.out.printf(
          "sqlite:    %,d instances registered and authorized in %.1f s: %.0f/s (%d threads)%n",
          n, sqliteSeconds, n / sqliteSeconds, threads);
      Collections.sort(ratios);
      System.out.printf(
          "in-memory/sqlite throughput: overall %.2f, per-round median %.2f (min %.2f, max %.2f)%n",
          sqliteSeconds / memorySeconds,
          ratios.get(ratios.size() / 2),
          ratios.get(0),
          ratios.get(ratios.size() - 1));
      Runtime rt = Runtime.getRuntime();
      System.gc();
      System.out.printf(
          "heap used with both servers holding %,d instances: %,d MB%n",
          n, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
    System.out.printf("database size: %,d bytes%n", Files.size(db));

    long start = System.nanoTime();
    try (MockLicenseServer again =
        MockLicenseServer.builder()
            .https(false)
            .instanceLimit(Integer.MAX_VALUE)
            .database(Database.sqlite(db))
            .build()
            .start()) {
      MessageChannel channel =
          Transports.channel(again.transportSettings(TransportKind.TRANSPORT_GATEWAY));
      register(
          channel, keys, again.admin().createToken("lab", TokenSpec.standard("restart")), "R", 0);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "restart with %,d instances to the first answered registration: %.2f s%n",
          again.admin().instances().size() - 1, seconds);
      channel.close();
    }
  }

  /** One running server with an account, a pool and a token big enough for the whole run. */
  private static final class Target implements AutoCloseable {
    final String name;
    final MockLicenseServer server;
    final String token;
    final String prefix;

    Target(String name, MockLicenseServer.Builder b, int n, String prefix) throws Exception {
      this.name = name;
      this.prefix = prefix;
      this.server = b.https(false).instanceLimit(Integer.MAX_VALUE).build().start();
      server.admin().createSmartAccount("acme").createVirtualAccount("acme", "lab");
      server.admin().addLicenses("lab", LicenseGrant.perpetual(TAG, Long.MAX_VALUE / 4));
      this.token = server.admin().createToken("lab", new TokenSpec("scale", 365, n + 10, false));
    }

    /** Registers and authorizes instances {@code from} (inclusive) to {@code to}; the seconds. */
    double register(long from, long to, int threads, DeviceKeys keys) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      AtomicLong next = new AtomicLong(from);
      long start = System.nanoTime();
      List<Future<Long>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  long count = 0;
                  try (MessageChannel channel =
                      Transports.channel(
                          server.transportSettings(TransportKind.TRANSPORT_GATEWAY))) {
                    for (long i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                      MockServerScale.register(channel, keys, token, prefix, i);
                      count++;
                    }
                  }
                  return count;
                }));
      }
      long total = 0;
      for (Future<Long> f : done) {
        total += f.get();
      }
      pool.shutdown();
      if (total != to - from) {
        throw new IllegalStateException(name + ": " + total + " of " + (to - from) + " registered");
      }
      return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /** Registers the instance {@code prefix}{@code i} and authorizes it once. */
  static void register(MessageChannel channel, DeviceKeys keys, String token, String prefix, long i)
      throws Exception {
    String udi = "PID:ESA-C170,SN:" + prefix + String.format("%010d", i);
    RegisterRequest request =
        new RegisterRequest(
            token,
            List.of(Udi.parse(udi)),
            Optional.empty(),
            "r" + i,
            Optional.empty(),
            Optional.of("scale"),
            List.of(),
            Csr.create(keys, udi, List.of()),
            false);
    SignedMessage answer =
        channel.exchange(
            MessageSigning.sign(
                MessageType.REGISTER_REQUEST, ProtocolCodec.encode(request), keys, List.of()));
    RegisterResponse r = ProtocolCodec.decodeRegisterResponse(answer.payload()).reply().body();
    AuthorizeRequest authorize =
        new AuthorizeRequest(r.productInstanceId(), "a" + i, List.of(EntitlementRequest.one(TAG)));
    channel.exchange(
        MessageSigning.sign(
            MessageType.AUTHORIZE_REQUEST,
            ProtocolCodec.encode(authorize),
            keys,
            List.of(r.idCertificateChain().get(0))));
  }
}
