package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.EventCode;

/** The events a clock change raises, both ways, and a resynchronization with the server. */
final class ClockEvents {
  private ClockEvents() {}

  static AgentEvent resynced(Instant now, Duration back) {
    return AgentEvent.of(
            EventCode.SYSTEM_CLOCK_CHANGED,
            now,
            "Agent time was "
                + Durations.format(back)
                + " ahead of the license server's signed time (the clock had jumped forward and"
                + " was corrected); it continues from the server's time "
                + now)
        .with("resynchronizedBack", back);
  }

  static void changed(AgentState s, AgentTime.Reading r, Duration jump, Events ev) {
    if (!jump.isNegative()) {
      ev.add(
          EventCode.SYSTEM_CLOCK_CHANGED,
          "The system clock went forward by "
              + Durations.format(jump)
              + " (now "
              + r.raw()
              + "); deadlines come closer by as much. If this was wrong, correct the clock: the"
              + " agent takes the license server's time again at its next contact.",
          "forward",
          jump);
      return;
    }
    Duration gap = jump.negated();
    ev.add(
        EventCode.SYSTEM_CLOCK_CHANGED,
        "The system clock went back by "
            + Durations.format(gap)
            + " (now "
            + r.raw()
            + "); licensing time continues from "
            + r.now()
            + " so nothing is extended. Fix the device clock.",
        "rolledBack",
        gap);
    s.reg
        .filter(reg -> r.raw().isBefore(reg.idCertNotBefore()))
        .ifPresent(
            reg ->
                ev.add(
                    EventCode.ID_CERT_OUT_OF_RANGE,
                    "The system clock ("
                        + r.raw()
                        + ") is before the ID certificate's start ("
                        + reg.idCertNotBefore()
                        + "). Fix the device clock."));
  }
}
