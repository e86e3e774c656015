package org.opensmartagent.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulersTest {

  @Test
  void virtualTimeRunsTasksInOrderAtTheirDueTime() {
    VirtualTime time = new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));
    List<String> ran = new ArrayList<>();
    time.schedule(Duration.ofDays(2), () -> ran.add("b@" + time.now()));
    time.schedule(Duration.ofDays(1), () -> ran.add("a@" + time.now()));
    AgentScheduler.Cancellable c = time.schedule(Duration.ofDays(3), () -> ran.add("cancelled"));
    c.cancel();
    time.advance(Duration.ofDays(5));
    assertThat(ran).containsExactly("a@2026-01-02T00:00:00Z", "b@2026-01-03T00:00:00Z");
    assertThat(time.now()).isEqualTo(Instant.parse("2026-01-06T00:00:00Z"));
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void settingTheWallClockDoesNotMoveTimers() {
    VirtualTime time = new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));
    List<Instant> ran = new ArrayList<>();
    time.schedule(Duration.ofHours(1), () -> ran.add(time.now()));
    time.setClock(Instant.parse("2025-01-01T00:00:00Z"));
    long before = time.ticker().getAsLong();
    time.advance(Duration.ofHours(1));
    assertThat(ran).containsExactly(Instant.parse("2025-01-01T01:00:00Z"));
    assertThat(time.ticker().getAsLong() - before).isEqualTo(Duration.ofHours(1).toNanos());
  }

  @Test
  void theDaemonSchedulerRunsTasksAndStopsItsThreadOnClose() throws Exception {
    Schedulers.ClosableScheduler scheduler = Schedulers.daemon("test-sched", 1);
    CountDownLatch ran = new CountDownLatch(2);
    scheduler.schedule(
        Duration.ZERO,
        () -> {
          throw new IllegalStateException("a failing task does not stop the scheduler");
        });
    scheduler.schedule(Duration.ZERO, ran::countDown);
    scheduler.schedule(Duration.ofMillis(1), ran::countDown);
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(threads("test-sched")).isEqualTo(1);
    assertThat(
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("test-sched"))
                .allMatch(Thread::isDaemon))
        .isTrue();
    List<Thread> workers = named("test-sched");
    scheduler.close();
    for (Thread t : workers) {
      t.join(10_000);
    }
    assertThat(threads("test-sched")).isZero();
  }

  static List<Thread> named(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix))
        .toList();
  }

  private static long threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
        .count();
  }
}
