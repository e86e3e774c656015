package org.opensmartagent.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A clock and a scheduler that move only when told to: {@link #advance} runs every task that falls
 * due, in time order, with the clock set to each task's due time. Lets a test or a fleet simulation
 * live through a licensing year in milliseconds. Tasks run on the thread that calls {@link
 * #advance}; it is safe to call from one thread while others read the clock.
 */
public final class VirtualTime implements AgentScheduler {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private volatile Instant now;
  private long sequence;
  private final Clock clock = new VirtualClock();

  public VirtualTime(Instant start) {
    this.now = Objects.requireNonNull(start, "start == null");
  }

  /** The clock that reads this virtual time. */
  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return now;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(delay, "delay == null");
    Objects.requireNonNull(task, "task == null");
    synchronized (queue) {
      Instant due = delay.isNegative() ? now : saturatedPlus(now, delay);
      Task t = new Task(due, sequence++, task);
      queue.add(t);
      return () -> {
        synchronized (queue) {
          t.cancelled = true;
          queue.remove(t);
        }
      };
    }
  }

  /** Moves time forward by {@code duration}, running every task that falls due on the way. */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("virtual time only moves forward; got " + duration);
    }
    advanceTo(now.plus(duration));
  }

  /** Moves time forward to {@code target}, running every task that falls due on the way. */
  public void advanceTo(Instant target) {
    if (target.isBefore(now)) {
      throw new IllegalArgumentException(
          "virtual time only moves forward: " + target + " < " + now);
    }
    while (true) {
      Task next;
      synchronized (queue) {
        next = queue.peek();
        if (next == null || next.due.isAfter(target)) {
          break;
        }
        queue.poll();
        if (next.due.isAfter(now)) {
          now = next.due;
        }
      }
      next.task.run();
    }
    now = target;
  }

  /** Runs the tasks due now without moving time. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /**
   * Sets the clock to any instant, backwards included, without running tasks: simulates an operator
   * or a dead RTC battery changing the system clock.
   */
  public void setClock(Instant instant) {
    now = Objects.requireNonNull(instant, "instant == null");
  }

  /** How many tasks are waiting. */
  public int pendingTasks() {
    synchronized (queue) {
      return queue.size();
    }
  }

  private static Instant saturatedPlus(Instant base, Duration delay) {
    try {
      return base.plus(delay);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Instant.MAX;
    }
  }

  private static final class Task implements Comparable<Task> {
    final Instant due;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Task(Instant due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Task o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final class VirtualClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
