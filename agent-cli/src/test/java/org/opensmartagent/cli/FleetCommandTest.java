package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code license_smart fleet}: the fleet simulator from the shell. */
class FleetCommandTest {

  @Test
  void aSmallFleetLivesThroughAYearAndTheReportAddsUp() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        LicenseSmart.run(
            new String[] {"fleet", "--agents", "5", "--days", "60"},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("agents 5, simulated 60 days")
        .contains("registrations 5 (0 failed)")
        .containsPattern("registered at end: agents (\\d+), server instances \\1");
  }

  @Test
  void nonsenseIsRefusedAsBadUsage() {
    StringWriter err = new StringWriter();
    int code =
        LicenseSmart.run(
            new String[] {"fleet", "--agents", "0"},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("at least 1");
  }
}
