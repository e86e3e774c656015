package org.opensmartagent.testkit.fleet;

import java.io.PrintStream;

/** A one-line progress bar on stderr, redrawn at most every 200 ms of wall time. */
final class Progress {
  private static final int WIDTH = 40;
  private final PrintStream out;
  private final boolean enabled;
  private long lastDraw;

  Progress(PrintStream out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  void update(double fraction, String detail) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (fraction < 1 && now - lastDraw < 200_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) Math.round(Math.min(1, fraction) * WIDTH);
    out.print(
        "\r["
            + "#".repeat(filled)
            + " ".repeat(WIDTH - filled)
            + "] "
            + String.format("%3d%% ", Math.round(fraction * 100))
            + detail);
    out.flush();
  }

  void done() {
    if (enabled) {
      out.println();
    }
  }
}
