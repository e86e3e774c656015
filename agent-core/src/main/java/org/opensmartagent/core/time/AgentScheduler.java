package org.opensmartagent.core.time;

import java.time.Duration;

/**
 * Runs the agent's timers. One scheduler may be shared by many agents; each agent keeps at most one
 * pending task (its next wake-up). Implementations must be thread-safe.
 */
public interface AgentScheduler {

  /** Runs {@code task} once after {@code delay} (zero or negative: as soon as possible). */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that can be cancelled; cancelling a task that ran does nothing. */
  @FunctionalInterface
  interface Cancellable {
    Cancellable NONE = () -> {};

    void cancel();
  }
}
