package org.opensmartagent.cli.demo;

import java.io.PrintWriter;
import org.opensmartagent.cli.render.StatusScreen;
import org.opensmartagent.cli.render.SummaryScreen;
import org.opensmartagent.cli.render.Times;
import org.opensmartagent.core.AgentStatus;

/** What the demo prints after each step: the shell's status line and its SUMMARY screen. */
final class StatusLines {
  private final PrintWriter out;

  StatusLines(PrintWriter out) {
    this.out = out;
  }

  void print(AgentStatus s) {
    out.println("   " + StatusScreen.statusLine(s));
    if (s.evaluation().available()) {
      out.println("   Evaluation Period Remaining: " + Times.format(s.evaluation().remaining()));
    }
    for (String line : SummaryScreen.render(s)) {
      out.println("     " + line);
    }
  }
}
