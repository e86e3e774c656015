package org.opensmartagent.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Field simulation: seeded random device lives (firmware, operator, power, clock, disk and server
 * faults) against the real mock license server, with the invariants checked after every step. A
 * failure prints its seed and a shrunk reproduction.
 *
 * <p>The build runs {@code sim.lives} lives (default 200) from {@code sim.seed}, stopping early
 * when {@code sim.seconds} (default 25) have passed; a life still running then stops (the build's
 * 60 s test timeout applies), so it stays under a minute on a loaded machine. A long run, on {@code
 * sim.workers} threads (one mock server each), printing progress every {@code sim.progressSeconds}
 * (default 60) and appending it and the final report to {@code sim.log} if given (surefire keeps a
 * test's output in {@code target/surefire-reports} until the test ends):
 *
 * <pre>
 * mvn -B -pl agent-testkit -am test -Dtest=FieldSimulationTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsim.lives=100000 -Dsim.seconds=86400 -Dsim.seed=1 -Dsim.workers=2 -Dsim.log=/tmp/sim.log \
 *     -Djunit.jupiter.execution.timeout.mode=disabled
 * </pre>
 *
 * Shrink the first life of each known defect too with {@code -Dsim.shrinkKnown=true}. Replay one
 * life with {@code -Dsim.lives=1 -Dsim.seed=<seed>}; leave out step kinds with {@code
 * -Dsim.exclude=STORE_FAULT,UPGRADE}; fail on the known defects too with {@code -Dsim.strict=true}.
 * Failures of open defects ({@link KnownDefects}) are printed, not failed.
 */
class FieldSimulationTest {
  @Test
  @Timeout(
      value = 3,
      unit = TimeUnit.MINUTES) // long runs: -Djunit.jupiter.execution.timeout.mode=disabled
  void deviceLivesKeepEveryInvariant() {
    Campaign.Report r = Campaign.run(Campaign.Settings.fromSystemProperties());
    assertThat(r.lives()).as("lives run").isPositive();
    assertThat(r.steps()).as("steps run").isGreaterThanOrEqualTo(r.lives());
    assertThat(r.newFailures())
        .as("lives that broke an invariant outside the known defects: %s", r.reproductions())
        .isEmpty();
  }
}
