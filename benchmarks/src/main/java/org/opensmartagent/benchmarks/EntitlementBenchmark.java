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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.time.Schedulers;

/**
 * Request and release of an entitlement: each is one commit (copy, rules, encode, store save,
 * publish). With the file store every commit fsyncs a temp file and the directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EntitlementBenchmark {
  @Param({"memory", "file"})
  public String store;

  private Path dir;
  private Schedulers.ClosableScheduler scheduler;
  private SmartAgent agent;
  private final EntitlementRequest five =
      new EntitlementRequest(Agents.MALWARE, 5, CountUnit.USERS);

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("osa-bench");
    scheduler = Schedulers.daemon("bench", 1);
    agent = Agents.offline(Agents.store(store, dir.resolve("store")), scheduler, "FCH0001").build();
    agent.enable();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    agent.close();
    scheduler.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Two commits: start using 5 users of a feature, then stop. */
  @Benchmark
  public void requestThenRelease() {
    agent.request(five);
    agent.release(Agents.MALWARE);
  }
}
