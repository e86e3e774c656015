package org.opensmartagent.samples.emailgateway;

import java.io.PrintStream;
import java.util.Objects;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.AgentListener;
import org.opensmartagent.core.Severity;

/**
 * Prints the agent's licensing alerts as syslog lines, e.g. {@code 2025-03-01T12:00:00Z esa01
 * %SMART_LIC-5-AGENT_REG_SUCCESS: ...}. <b>Copy this</b> to route alerts into the product's own
 * alert system; state-change chatter ({@link Severity#INFO}) is left to the agent's slf4j log.
 *
 * <p>Runs on whichever thread changed the agent's state; it only formats and prints, never blocks
 * on the agent, and the agent ignores anything it throws.
 */
public final class SyslogListener implements AgentListener {
  private final String hostname;
  private final PrintStream out;

  public SyslogListener(String hostname, PrintStream out) {
    this.hostname = Objects.requireNonNull(hostname, "hostname == null");
    this.out = Objects.requireNonNull(out, "out == null");
  }

  @Override
  public void onEvent(AgentEvent event) {
    if (event.severity() != Severity.INFO) {
      out.println(format(hostname, event));
    }
  }

  /** One syslog line; the number is the syslog level (3 error, 4 warning, 5 notice, 6 info). */
  public static String format(String hostname, AgentEvent event) {
    int level =
        switch (event.severity()) {
          case ERROR -> 3;
          case WARNING -> 4;
          case NOTICE -> 5;
          case INFO -> 6;
        };
    return event.time()
        + " "
        + hostname
        + " %SMART_LIC-"
        + level
        + "-"
        + event.code()
        + ": "
        + event.message();
  }
}
