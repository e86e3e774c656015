package org.opensmartagent.cli.mock;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) as the signal for {@code mock-cssm} to stop serving. The JVM's shutdown hook
 * asks the command to stop and then waits, at most {@link #GRACE}, until the command says it has
 * {@link #finished} (the server stopped and the "stopped" line printed): a JVM exits as soon as its
 * hooks return, which would cut that line off.
 */
final class ShutdownSignal {
  /** How long a shutdown waits for the command to stop and say so. */
  static final Duration GRACE = Duration.ofSeconds(5);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onShutdown, "mock-cssm-stop");
  private boolean installed;

  /** From now on a shutdown of the JVM stops the command. */
  void install() {
    Runtime.getRuntime().addShutdownHook(hook);
    installed = true;
  }

  /** Waits for a shutdown, or until {@code limit} has passed. */
  void await(Optional<Duration> limit) throws InterruptedException {
    if (limit.isPresent()) {
      requested.await(limit.get().toMillis(), TimeUnit.MILLISECONDS);
    } else {
      requested.await();
    }
  }

  /**
   * Serving ended: the hook is no longer needed. During a shutdown it cannot be removed (the JVM
   * throws {@link IllegalStateException}); it is running then, waiting for {@link #finished}.
   */
  void uninstall() {
    if (!installed) {
      return;
    }
    installed = false;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shutdownInProgress) {
      // the hook runs and waits for finished()
    }
  }

  /** The command has stopped and said so: a shutdown may go on. */
  void finished() {
    finished.countDown();
  }

  private void onShutdown() {
    requested.countDown();
    try {
      finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
