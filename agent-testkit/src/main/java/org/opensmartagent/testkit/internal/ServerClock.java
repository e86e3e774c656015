package org.opensmartagent.testkit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** The server's time: the injected clock plus the fault plan's clock offset. Thread-safe. */
public final class ServerClock {
  private final Clock clock;
  private final FaultPlan faults;

  public ServerClock(Clock clock, FaultPlan faults) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.faults = Objects.requireNonNull(faults, "faults == null");
  }

  public Instant now() {
    return clock.instant().plus(faults.clockOffset());
  }

  /** The injected clock's time, without the offset. */
  public Instant unskewed() {
    return clock.instant();
  }
}
