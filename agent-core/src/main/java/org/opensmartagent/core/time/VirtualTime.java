package org.opensmartagent.core.time;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * A clock and a scheduler that move only when told to: {@link #advance} runs every task that falls
 * due, in order, with the clock at each task's due time. Lets a test or a fleet simulation live
 * through a licensing year in milliseconds.
 *
 * <p>Like a real machine it keeps two timelines: the monotonic one that scheduled delays count on,
 * and the wall clock that {@link #clock()} reads. {@link #setClock} moves only the wall clock (an
 * operator or a dead RTC battery changing the time), so pending tasks still fire after their
 * delays. Tasks run on the thread that calls {@link #advance}; the clock may be read from any
 * thread.
 */
public final class VirtualTime implements AgentScheduler {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final Clock clock = new VirtualClock();
  private volatile Duration elapsed = Duration.ZERO;
  private volatile Instant wallAtZero;
  private long sequence;
  private int live;

  public VirtualTime(Instant start) {
    this.wallAtZero = Objects.requireNonNull(start, "start == null");
  }

  /** The wall clock of this virtual machine. */
  public Clock clock() {
    return clock;
  }

  /** Monotonic nanoseconds since this virtual time began; unaffected by {@link #setClock}. */
  public LongSupplier ticker() {
    return () -> elapsed.toNanos();
  }

  /** What the wall clock reads now. */
  public Instant now() {
    return wallAtZero.plus(elapsed);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(delay, "delay == null");
    Objects.requireNonNull(task, "task == null");
    synchronized (queue) {
      Duration due = delay.isNegative() ? elapsed : saturatedPlus(elapsed, delay);
      Task t = new Task(due, sequence++, task);
      queue.add(t);
      live++;
      return () -> {
        synchronized (queue) {
          if (!t.cancelled) {
            t.cancelled = true; // dropped when it reaches the head: O(1) now, O(log n) later
            live--;
          }
        }
      };
    }
  }

  /** Moves time forward by {@code duration}, running every task that falls due on the way. */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("virtual time only moves forward; got " + duration);
    }
    Duration target = elapsed.plus(duration);
    while (true) {
      Task next;
      synchronized (queue) {
        next = queue.peek();
        if (next == null || next.due.compareTo(target) > 0) {
          break;
        }
        queue.poll();
        if (next.cancelled) {
          continue;
        }
        next.cancelled = true; // ran: a late cancel changes nothing
        live--;
        if (next.due.compareTo(elapsed) > 0) {
          elapsed = next.due;
        }
      }
      next.task.run();
    }
    elapsed = target;
  }

  /** Moves time forward until the wall clock reads {@code instant}. */
  public void advanceTo(Instant instant) {
    advance(Duration.between(now(), instant));
  }

  /** Runs the tasks due now without moving time. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /**
   * Sets the wall clock to any instant, backwards included, without moving the monotonic timeline:
   * pending tasks keep their delays.
   */
  public void setClock(Instant instant) {
    Objects.requireNonNull(instant, "instant == null");
    wallAtZero = instant.minus(elapsed);
  }

  /** How many tasks are waiting (cancelled ones not counted). */
  public int pendingTasks() {
    synchronized (queue) {
      return live;
    }
  }

  private static Duration saturatedPlus(Duration base, Duration delay) {
    try {
      return base.plus(delay);
    } catch (ArithmeticException | DateTimeException e) {
      return Duration.ofSeconds(Long.MAX_VALUE);
    }
  }

  private static final class Task implements Comparable<Task> {
    final Duration due;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Task(Duration due, long seq, Runnable task) {
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
      return now();
    }
  }
}
