package org.opensmartagent.cli.demo;

import java.io.PrintWriter;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.internal.Durations;

/** A short form of the STATUS screen, for the demo's steps. */
final class StatusLines {
  private final PrintWriter out;

  StatusLines(PrintWriter out) {
    this.out = out;
  }

  void print(AgentStatus s) {
    AgentStatus.Registration r = s.registration();
    out.println(
        "   Registration:  "
            + r.state().displayName()
            + r.smartAccount()
                .map(sa -> " (" + sa + " / " + r.virtualAccount().orElse("") + ")")
                .orElse(""));
    out.println(
        "   Authorization: "
            + s.authorization().state().displayName()
            + (s.evaluation().available()
                ? "   (evaluation remaining: " + Durations.format(s.evaluation().remaining()) + ")"
                : ""));
    for (AgentStatus.Entitlement e : s.entitlements()) {
      out.printf(
          "     %-26s %-22s %5d%s%n",
          e.displayName(),
          e.mode().displayName(),
          e.count(),
          e.graceEnds().map(g -> "  grace until " + g).orElse(""));
    }
  }
}
