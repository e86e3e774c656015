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
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.time.Schedulers;

/** Request code generation through the agent: one commit to create it, one to cancel it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestCodeBenchmark {
  private Schedulers.ClosableScheduler scheduler;
  private SmartAgent agent;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    scheduler = Schedulers.daemon("bench", 1);
    agent = Agents.offline(new InMemoryTrustedStore(), scheduler, "FCH0001").build();
    agent.enable();
    agent.enableReservation();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    agent.close();
    scheduler.close();
  }

  @Benchmark
  public RequestCode requestCodeThenCancel() {
    RequestCode code = agent.requestCode(ReservationType.SPECIFIC);
    agent.cancelReservation();
    return code;
  }
}
