package org.opensmartagent.core.time;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ready-made schedulers. */
public final class Schedulers {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private Schedulers() {}

  /**
   * A scheduler on {@code threads} daemon threads named {@code name-N}. Close it to stop its
   * threads; tasks still pending are dropped. A task that throws is logged and does not stop the
   * scheduler.
   */
  public static ClosableScheduler daemon(String name, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
    }
    return new DaemonScheduler(name, threads);
  }

  /** A scheduler that owns threads and must be closed. */
  public interface ClosableScheduler extends AgentScheduler, AutoCloseable {
    @Override
    void close();
  }

  private static final class DaemonScheduler implements ClosableScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Schedulers.class);
    private final ScheduledThreadPoolExecutor executor;

    DaemonScheduler(String name, int threads) {
      int id = COUNT.incrementAndGet();
      AtomicInteger n = new AtomicInteger();
      executor =
          new ScheduledThreadPoolExecutor(
              threads,
              r -> {
                Thread t = new Thread(r, name + "-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      executor.setRemoveOnCancelPolicy(true);
      executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      long nanos = Math.max(0, saturatedNanos(delay));
      ScheduledFuture<?> f = executor.schedule(() -> runSafely(task), nanos, TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    }

    private static void runSafely(Runnable task) {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.error("A scheduled licensing task failed; the scheduler goes on", e);
      }
    }

    private static long saturatedNanos(Duration d) {
      try {
        return d.toNanos();
      } catch (ArithmeticException e) {
        return d.isNegative() ? 0 : Long.MAX_VALUE / 2;
      }
    }

    @Override
    public void close() {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
