package org.opensmartagent.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Field simulation: seeded random device lives (firmware, operator, power, clock, disk and server
 * faults) against the real mock license server, with the invariants checked after every step. A
 * failure prints its seed and a shrunk reproduction.
 *
 * <p>The build runs {@code sim.lives} lives (default 200) from {@code sim.seed}, stopping early
 * when {@code sim.seconds} (default 25) have passed; a life still running then stops (the build's
 * 60 s test timeout applies), so it stays under a minute on a loaded machine. A long run:
 *
 * <pre>
 * mvn -B -pl agent-testkit -am test -Dtest=FieldSimulationTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsim.lives=100000 -Dsim.seconds=86400 -Dsim.seed=1 -Djunit.jupiter.execution.timeout.mode=disabled
 * </pre>
 *
 * Shrink the first life of each known defect too with {@code -Dsim.shrinkKnown=true}. Replay one
 * life with {@code -Dsim.lives=1 -Dsim.seed=<seed>}; leave out step kinds with {@code
 * -Dsim.exclude=STORE_FAULT,UPGRADE}; fail on the known defects too with {@code -Dsim.strict=true}.
 * Failures of open defects ({@link KnownDefects}) are printed, not failed.
 */
class FieldSimulationTest {
  private static World world;

  @BeforeAll
  static void startServer() throws Exception {
    world = new World();
  }

  @AfterAll
  static void stopServer() {
    world.close();
  }

  @Test
  @Timeout(
      value = 3,
      unit = TimeUnit.MINUTES) // long runs: -Djunit.jupiter.execution.timeout.mode=disabled
  void deviceLivesKeepEveryInvariant() {
    int lives = Integer.getInteger("sim.lives", 200);
    long budget = TimeUnit.SECONDS.toNanos(Long.getLong("sim.seconds", 25));
    long first = Long.getLong("sim.seed", 20_261_202L);
    int shrinkRuns = Integer.getInteger("sim.shrinkRuns", 60);
    int reportAtMost = Integer.getInteger("sim.report", 3);
    Set<Step.Kind> excluded =
        Arrays.stream(System.getProperty("sim.exclude", "").split(","))
            .filter(k -> !k.isBlank())
            .map(k -> Step.Kind.valueOf(k.trim()))
            .collect(Collectors.toSet());
    List<String> failures = new ArrayList<>();
    Map<String, List<Long>> known = new TreeMap<>();
    long started = System.nanoTime();
    int failed = 0;
    int ran = 0;
    for (int i = 0; i < lives && System.nanoTime() - started < budget; i++, ran++) {
      long seed = first + i;
      List<Step> steps = Generator.life(seed, excluded);
      Optional<Life.Failure> f = Life.run(world, seed, steps, started + budget);
      if (f.isEmpty()) {
        continue;
      }
      failed++;
      Optional<KnownDefects.Known> k = KnownDefects.match(f.get());
      List<Long> seen =
          k.map(d -> known.computeIfAbsent(d.defect(), x -> new ArrayList<>())).orElse(null);
      boolean report =
          k.isEmpty()
              ? failures.size() < reportAtMost
              : seen.isEmpty() && Boolean.getBoolean("sim.shrinkKnown");
      String text =
          report
              ? Shrinker.describe(
                  seed,
                  steps.size(),
                  Shrinker.shrink(
                      world, seed, steps, f.get(), shrinkRuns, started + budget + budget / 3))
              : "seed " + seed + ": " + f.get().message();
      if (k.isPresent()) {
        seen.add(seed);
        if (report) {
          System.out.println("[sim] known defect (" + k.get().defect() + "): " + text);
        }
      } else {
        failures.add(text);
        System.out.println("[sim] FAILED " + text);
      }
      if ((i + 1) % 1000 == 0) {
        System.out.printf(
            "[sim] %d lives, %d failed, %d s%n",
            i + 1, failed, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
      }
    }
    System.out.printf(
        "[sim] %d lives from seed %d: %d broke an invariant (%d new) in %d ms%n",
        ran,
        first,
        failed,
        failures.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    known.forEach(
        (defect, seeds) ->
            System.out.println(
                "[sim] known defect " + defect + ": " + seeds.size() + " lives, seeds " + seeds));
    assertThat(failures).as("lives that broke an invariant outside the known defects").isEmpty();
  }
}
