package org.opensmartagent.testkit.sim;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.opensmartagent.core.time.AgentScheduler;
import org.opensmartagent.core.time.VirtualTime;

/**
 * The life's {@link VirtualTime}, seen through a scheduler that remembers when each pending task is
 * due: the "never silent" invariant reads the agent's next wake-up from here, from outside the
 * engine. It also stops a life whose agent spins (more than {@link #STORM} wake-ups within one
 * virtual hour, where retries, checkpoints and usage reports need a few dozen): such a life would
 * otherwise run until its budget ends, and a device would burn its CPU and flood its log. Used on
 * one thread.
 */
final class RecordingScheduler implements AgentScheduler {
  static final int STORM = 1000;
  private static final long HOUR_NANOS = Duration.ofHours(1).toNanos();
  private final VirtualTime time;
  private final Set<Pending> pending = new HashSet<>();
  private long windowStart = Long.MIN_VALUE;
  private int wakeupsInWindow;

  RecordingScheduler(VirtualTime time) {
    this.time = time;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Pending p = new Pending(nanos() + Math.max(0, saturatedNanos(delay)));
    synchronized (pending) {
      pending.add(p);
    }
    Cancellable inner =
        time.schedule(
            delay,
            () -> {
              forget(p);
              countWakeup();
              task.run();
            });
    return () -> {
      forget(p);
      inner.cancel();
    };
  }

  /** How long until the earliest pending task, if any. */
  Optional<Duration> nextIn() {
    synchronized (pending) {
      long now = nanos();
      return pending.stream().mapToLong(p -> p.dueNanos).min().stream()
          .mapToObj(due -> Duration.ofNanos(Math.max(0, due - now)))
          .findFirst();
    }
  }

  private void countWakeup() {
    long now = nanos();
    if (windowStart == Long.MIN_VALUE || now - windowStart >= HOUR_NANOS) {
      windowStart = now;
      wakeupsInWindow = 0;
    }
    if (++wakeupsInWindow > STORM) {
      throw new Life.Broken(
          "a wake-up storm: more than "
              + STORM
              + " wake-ups within one virtual hour (the agent spins; its log says why)");
    }
  }

  private void forget(Pending p) {
    synchronized (pending) {
      pending.remove(p);
    }
  }

  private long nanos() {
    return time.ticker().getAsLong();
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }

  private static final class Pending {
    final long dueNanos;

    Pending(long dueNanos) {
      this.dueNanos = dueNanos;
    }
  }
}
