package org.opensmartagent.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
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
 * Not JMH: registers and authorizes N product instances (default 300,000) over loopback http
 * against the in-memory mock server and then the SQLite-backed one, in the same JVM, and prints
 * each one's throughput, their ratio, and how long the SQLite server takes from a restart to its
 * first answered request. One device key signs every CSR and request (the server keys instances
 * by UDI), so the client's share of the CPU stays small. Run: {@code java -cp
 * target/benchmarks.jar org.opensmartagent.benchmarks.MockServerScale [N] [THREADS]}.
 */
public final class MockServerScale {
  private static final EntitlementTag TAG = EntitlementTag.parse("ESA_Anti_Malware");
  private static final SecureRandom RANDOM = new SecureRandom();

  private MockServerScale() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, RANDOM);
    Path dir = Files.createTempDirectory("mock-server-scale");
    Path db = dir.resolve("scale.db");

    double memory = run("in-memory", MockLicenseServer.builder(), n, threads, keys, "M");
    double sqlite =
        run("sqlite", MockLicenseServer.builder().database(Database.sqlite(db)), n, threads, keys, "S");
    System.out.printf(
        "ratio in-memory/sqlite registration+authorization throughput: %.2f%n", memory / sqlite);
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
      register(channel, keys, again.admin().createToken("lab", TokenSpec.standard("restart")), "R", 0);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "restart with %,d instances to the first answered registration: %.2f s%n",
          again.admin().instances().size() - 1, seconds);
      channel.close();
    }
  }

  private static double run(
      String name, MockLicenseServer.Builder b, int n, int threads, DeviceKeys keys, String prefix)
      throws Exception {
    try (MockLicenseServer server =
        b.https(false).instanceLimit(Integer.MAX_VALUE).build().start()) {
      server.admin().createSmartAccount("acme").createVirtualAccount("acme", "lab");
      server.admin().addLicenses("lab", LicenseGrant.perpetual(TAG, Long.MAX_VALUE / 4));
      String token = server.admin().createToken("lab", new TokenSpec("scale", 365, n + 10, false));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      AtomicLong next = new AtomicLong();
      long start = System.nanoTime();
      List<Future<Long>> done =
          java.util.stream.IntStream.range(0, threads)
              .mapToObj(
                  t ->
                      pool.submit(
                          () -> {
                            long count = 0;
                            try (MessageChannel channel =
                                Transports.channel(
                                    server.transportSettings(TransportKind.TRANSPORT_GATEWAY))) {
                              for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                                register(channel, keys, token, prefix, i);
                                count++;
                              }
                            }
                            return count;
                          }))
              .toList();
      long total = 0;
      for (Future<Long> f : done) {
        total += f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      double rate = total / seconds;
      System.out.printf(
          "%s: %,d instances registered and authorized in %.1f s: %.0f per second (%d threads)%n",
          name, total, seconds, rate, threads);
      return rate;
    }
  }

  private static void register(
      MessageChannel channel, DeviceKeys keys, String token, String prefix, long i)
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
