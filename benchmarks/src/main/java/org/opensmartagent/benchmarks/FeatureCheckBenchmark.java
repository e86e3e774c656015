package org.opensmartagent.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.FeatureGate;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.time.Schedulers;

/**
 * The firmware's hot path: {@link FeatureGate#isAllowed()} and {@link SmartAgent#isAllowed}, plus
 * the {@link SmartAgent#status()} snapshot. Run with {@code -prof gc} to see the allocation rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FeatureCheckBenchmark {
  private Schedulers.ClosableScheduler scheduler;
  private SmartAgent agent;
  private FeatureGate gate;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    scheduler = Schedulers.daemon("bench", 1);
    agent = Agents.offline(new InMemoryTrustedStore(), scheduler, "FCH0001").build();
    agent.enable();
    agent.request(new EntitlementRequest(Agents.MALWARE, 5, CountUnit.USERS));
    gate = agent.feature(Agents.MALWARE);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    agent.close();
    scheduler.close();
  }

  @Benchmark
  public boolean gateIsAllowed() {
    return gate.isAllowed();
  }

  @Benchmark
  public boolean agentIsAllowed() {
    return agent.isAllowed(Agents.MALWARE);
  }

  @Benchmark
  public AgentStatus status() {
    return agent.status();
  }
}
