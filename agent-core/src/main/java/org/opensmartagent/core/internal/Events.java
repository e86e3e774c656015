package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.EventCode;

/** The events one commit raises; delivered only if the commit is stored. */
final class Events {
  private final Instant time;
  private final List<AgentEvent> events = new ArrayList<>();

  Events(Instant time) {
    this.time = time;
  }

  AgentEvent add(EventCode code, String message) {
    AgentEvent e = AgentEvent.of(code, time, message);
    events.add(e);
    return e;
  }

  void add(AgentEvent event) {
    events.add(event);
  }

  /** Adds an event with details given as key, value pairs. */
  void add(EventCode code, String message, Object... keyValues) {
    AgentEvent e = AgentEvent.of(code, time, message);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      e = e.with(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    events.add(e);
  }

  List<AgentEvent> list() {
    return List.copyOf(events);
  }

  Instant time() {
    return time;
  }
}
