package org.opensmartagent.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.StoreLoad;
import org.opensmartagent.core.time.Schedulers;

/**
 * {@link FileTrustedStore} save (temp file, fsync, renames, directory fsync) and load (read and
 * HMAC-check) of a realistic payload: the state of an agent registered and authorized against the
 * mock server (device key, ID certificate chain, verdicts).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBenchmark {
  private Path dir;
  private FileTrustedStore store;
  private byte[] payload;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    InMemoryTrustedStore memory = new InMemoryTrustedStore();
    try (LoopbackServer server = new LoopbackServer(false);
        Schedulers.ClosableScheduler scheduler = Schedulers.daemon("bench", 1);
        SmartAgent agent = server.agent(memory, scheduler, "FCH0001")) {
      server.registerAndAuthorize(agent);
      payload = memory.load().payload();
    }
    System.out.println("\n[store] payload " + payload.length + " bytes");
    dir = Files.createTempDirectory("osa-store-bench");
    store = FileTrustedStore.open(dir.resolve("store"), DeviceSecret.of(new byte[32]));
    store.save(payload);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    store.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public void save() throws Exception {
    store.save(payload);
  }

  @Benchmark
  public StoreLoad load() throws Exception {
    return store.load();
  }
}
