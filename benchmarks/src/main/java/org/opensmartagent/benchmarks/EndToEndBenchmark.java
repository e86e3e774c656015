package org.opensmartagent.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.time.Schedulers;

/**
 * One new product instance end to end over loopback against the mock server: build the agent,
 * enable, request, register (device key generation, CSR, signed request, chain validation of the
 * answer) and the first authorization. Client and server share the JVM and the two cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EndToEndBenchmark {
  @Param({"http", "https"})
  public String scheme;

  private LoopbackServer server;
  private Schedulers.ClosableScheduler scheduler;
  private int serial;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    server = new LoopbackServer(scheme.equals("https"));
    scheduler = Schedulers.daemon("bench", 1);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    scheduler.close();
    server.close();
  }

  @Benchmark
  public void registerAndAuthorize() throws Exception {
    try (SmartAgent agent =
        server.agent(new InMemoryTrustedStore(), scheduler, "FCH" + (++serial))) {
      server.registerAndAuthorize(agent);
    }
  }
}
