package org.opensmartagent.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.opensmartagent.testkit.internal.FaultPlan;
import org.opensmartagent.testkit.internal.FaultPlan.Fault;
import org.opensmartagent.testkit.internal.FaultPlan.Kind;

/**
 * Faults injected into the licensing endpoints (the admin API is never affected). One-shot faults
 * queue up and each is taken by the next licensing answer, in order; latency and clock offset stay
 * until changed or {@link #clear()}ed. The same is available as {@code POST /admin/faults}.
 * Thread-safe.
 */
public final class Faults {
  private final FaultPlan plan;

  Faults(FaultPlan plan) {
    this.plan = Objects.requireNonNull(plan, "plan == null");
  }

  /** Delays every licensing answer by {@code latency} (real time, on the server's thread). */
  public Faults latency(Duration latency) {
    plan.latency(latency);
    return this;
  }

  /** The next {@code times} answers are HTTP {@code status} (400..599) with no envelope. */
  public Faults failNext(int times, int status) {
    return failNext(times, status, Optional.empty());
  }

  /** As {@link #failNext(int, int)} with a {@code Retry-After} header in seconds. */
  public Faults failNext(int times, int status, Duration retryAfter) {
    return failNext(times, status, Optional.of(checkRetryAfter(retryAfter)));
  }

  private Faults failNext(int times, int status, Optional<Duration> retryAfter) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599, e.g. 503; got " + status);
    }
    plan.add(new Fault(Kind.STATUS, status, retryAfter), times);
    return this;
  }

  /** The next {@code times} answers break off: the connection closes after the headers. */
  public Faults dropNext(int times) {
    plan.add(new Fault(Kind.DROP, 0, Optional.empty()), times);
    return this;
  }

  /** The next {@code times} answers are HTTP 200 with a body that is no envelope. */
  public Faults malformedNext(int times) {
    plan.add(new Fault(Kind.MALFORMED, 200, Optional.empty()), times);
    return this;
  }

  /**
   * The next {@code times} answers are a signed TRY_AGAIN_LATER message asking for {@code
   * retryAfter} (also sent as a {@code Retry-After} header).
   */
  public Faults tryAgainLaterNext(int times, Duration retryAfter) {
    plan.add(new Fault(Kind.TRY_AGAIN_LATER, 200, Optional.of(checkRetryAfter(retryAfter))), times);
    return this;
  }

  /** Moves the server's clock by {@code offset} (negative is behind), for skew tests. */
  public Faults clockOffset(Duration offset) {
    plan.clockOffset(offset);
    return this;
  }

  /** How many one-shot faults are still queued. */
  public int pending() {
    return plan.pending();
  }

  /** Removes every fault, the latency and the clock offset. */
  public Faults clear() {
    plan.clear();
    return this;
  }

  private static Duration checkRetryAfter(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter == null");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative; got " + retryAfter);
    }
    return retryAfter;
  }
}
