package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's main job, run as a test: {@code license_smart demo}. It does real signing for a
 * simulated year; on a shared 2-core machine under heavy load it once took 65 s, hence more than
 * the module's default 60 s.
 */
@Timeout(180)
class DemoTest {

  @Test
  void theDemoWalksADeviceThroughItsLicensingLife() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        LicenseSmart.run(
            new String[] {"demo"}, new PrintWriter(out, true), new PrintWriter(err, true));
    String text = out.toString();
    assertThat(code).as(err.toString()).isZero();
    assertThat(text)
        .containsSubsequence(
            "EVALUATION MODE",
            "Evaluation Period Remaining: 80 days",
            "%AGENT_REG_SUCCESS",
            "Authorization: AUTHORIZED",
            "Authorization: OUT OF COMPLIANCE",
            "Grace Period Expired",
            "%IN_COMPLIANCE",
            "Authorization: AUTHORIZED",
            "%AGENT_DEREG_SUCCESS",
            "Authorization: EVALUATION MODE",
            "Request code: CB-ZESA-C170:FCH2145V0AB-",
            "Reservation In Progress",
            "Authorization code: <specificPLR>",
            "%RESERVED_INSTALLED",
            "Registered - Specific License Reservation",
            "Reserved In Compliance",
            "Not Authorized",
            "Return code: ",
            "accepted the return code",
            "Registration: Unregistered",
            "Demo finished");
    assertThat(text).doesNotContain("Exception");
  }
}
