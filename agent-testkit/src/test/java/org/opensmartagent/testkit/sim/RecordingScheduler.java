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
 * engine. Used on one thread.
 */
final class RecordingScheduler implements AgentScheduler {
  private final VirtualTime time;
  private final Set<Pending> pending = new HashSet<>();

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
