package org.opensmartagent.testkit.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * The faults the server injects into its licensing answers (never into the admin API): a latency
 * before every answer, a queue of one-shot faults taken by the next answers, and an offset added to
 * the server's clock. Thread-safe.
 */
public final class FaultPlan {
  /** What a one-shot fault does to one answer. */
  public enum Kind {
    /** Answers with an HTTP status, with a Retry-After header if one is given. */
    STATUS,
    /** Sends the headers, then closes the connection before the body. */
    DROP,
    /** Answers 200 with a body that is no envelope. */
    MALFORMED,
    /** Answers with a signed TRY_AGAIN_LATER message. */
    TRY_AGAIN_LATER
  }

  /** One queued fault. */
  public record Fault(Kind kind, int status, Optional<Duration> retryAfter) {
    public Fault {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(retryAfter, "retryAfter == null");
    }
  }

  private final Deque<Fault> queue = new ArrayDeque<>();

  /** At most this many faults wait at once, so no request can exhaust the server's memory. */
  static final int MAX_QUEUED = 10_000;

  private Duration latency = Duration.ZERO;
  private Duration clockOffset = Duration.ZERO;

  public synchronized void add(Fault fault, int times) {
    Objects.requireNonNull(fault, "fault == null");
    if (times < 1 || times > MAX_QUEUED || queue.size() + times > MAX_QUEUED) {
      throw new IllegalArgumentException(
          "times must be 1.."
              + MAX_QUEUED
              + " in all (faults are queued one per answer); got "
              + times
              + " with "
              + queue.size()
              + " already queued");
    }
    for (int i = 0; i < times; i++) {
      queue.add(fault);
    }
  }

  /** Takes the fault for the next answer, if one is queued. */
  public synchronized Optional<Fault> next() {
    return Optional.ofNullable(queue.poll());
  }

  public synchronized int pending() {
    return queue.size();
  }

  public synchronized Duration latency() {
    return latency;
  }

  public synchronized void latency(Duration latency) {
    Objects.requireNonNull(latency, "latency == null");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative; got " + latency);
    }
    this.latency = latency;
  }

  public synchronized Duration clockOffset() {
    return clockOffset;
  }

  public synchronized void clockOffset(Duration offset) {
    this.clockOffset = Objects.requireNonNull(offset, "offset == null");
  }

  /** Removes every fault: no queue, no latency, no clock offset. */
  public synchronized void clear() {
    queue.clear();
    latency = Duration.ZERO;
    clockOffset = Duration.ZERO;
  }
}
