package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.store.StoreLoad;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.ScriptedTransport;

/**
 * Real processes, real files, real SIGKILLs: a child JVM ({@link KillChild}) commits ever larger
 * counts and is killed with {@code destroyForcibly} at a random point. After every kill the store
 * must load the last commit the child reported, or the one it was making; never an older state,
 * never nothing, never corrupt. The build runs 20 kills; {@code -Dkills=1000} runs the long one
 * (see docs/reliability.md).
 */
class KillTest {
  private static final int KILLS = Integer.getInteger("kills", 20);

  @Test
  @Timeout(value = 60, unit = TimeUnit.MINUTES) // the long run; 20 kills take seconds
  void theStoreSurvivesKillsAtRandomPoints(@TempDir Path dir) throws Exception {
    SplittableRandom random = new SplittableRandom(Long.getLong("kills.seed", 2026));
    long lastReported = 0;
    int recovered = 0;
    int inFlightFound = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      Process child = start(dir);
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
        String first = out.readLine();
        assertThat(first).as("child " + kill + " started").startsWith("START ");
        long found = Long.parseLong(first.substring(6));
        assertThat(found)
            .as("count found after kill " + (kill - 1))
            .isGreaterThanOrEqualTo(lastReported);
        int commits = 1 + random.nextInt(40);
        for (int i = 0; i < commits; i++) {
          lastReported = Math.max(lastReported, parse(out.readLine(), kill));
        }
        // SIGKILL: no shutdown hook, no finally. Through the handle, so that what the child wrote
        // before it died can still be read (Process.destroyForcibly closes the pipes).
        child.toHandle().destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child " + kill + " died").isTrue();
        for (String line; (line = out.readLine()) != null; ) {
          lastReported = Math.max(lastReported, parse(line, kill)); // written before it died
        }
      } finally {
        child.destroyForcibly();
      }
      Loaded loaded = load(dir);
      assertThat(loaded.status)
          .as("store after kill " + kill)
          .isIn(StoreLoad.Status.CURRENT, StoreLoad.Status.RECOVERED_FROM_PREVIOUS);
      assertThat(loaded.count)
          .as("count after kill " + kill + " (last reported " + lastReported + ")")
          .isBetween(lastReported, lastReported + 1);
      recovered += loaded.status == StoreLoad.Status.RECOVERED_FROM_PREVIOUS ? 1 : 0;
      inFlightFound += loaded.count == lastReported + 1 ? 1 : 0;
      lastReported = loaded.count;
    }
    System.out.printf(
        "KillTest: %d kills survived, %d commits, %d recovered from the previous generation,"
            + " %d found the commit in flight%n",
        KILLS, lastReported, recovered, inFlightFound);
  }

  private static long parse(String line, int kill) {
    assertThat(line).as("child " + kill + " output").startsWith("COMMITTED ");
    return Long.parseLong(line.substring(10));
  }

  private static Process start(Path dir) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(KillChild.class.getName());
    command.add(dir.toString());
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private record Loaded(StoreLoad.Status status, long count) {}

  /** Opens the store as a restarted device would, and reads the count through a real agent. */
  private static Loaded load(Path dir) throws Exception {
    try (FileTrustedStore store =
        FileTrustedStore.open(dir.resolve("store"), DeviceSecret.randomFileIn(dir))) {
      StoreLoad.Status status = store.load().status();
      VirtualTime time = new VirtualTime(Fixtures.START);
      try (SmartAgent agent =
          SmartAgent.builder()
              .policy(Fixtures.defaultPolicy())
              .udi(Fixtures.UDI)
              .transport(new ScriptedTransport(time.clock()))
              .store(store)
              .scheduler(time)
              .clock(time.clock())
              .ticker(time.ticker())
              .build()) {
        return new Loaded(status, KillChild.countOf(agent));
      }
    }
  }
}
