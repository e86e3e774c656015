package org.opensmartagent.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something the agent did or noticed. Immutable. {@link #details()} holds machine-readable fields
 * (state names, tags, times); never secrets.
 */
public record AgentEvent(
    EventCode code, Severity severity, String message, Instant time, Map<String, String> details) {

  public AgentEvent {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(severity, "severity == null");
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(time, "time == null");
    details = Map.copyOf(Objects.requireNonNull(details, "details == null"));
  }

  public static AgentEvent of(EventCode code, Instant time, String message) {
    return new AgentEvent(code, code.severity(), message, time, Map.of());
  }

  public AgentEvent with(String key, Object value) {
    java.util.Map<String, String> more = new java.util.LinkedHashMap<>(details);
    more.put(key, String.valueOf(value));
    return new AgentEvent(code, severity, message, time, more);
  }

  @Override
  public String toString() {
    return time + " %" + code + " (" + severity + "): " + message;
  }
}
