package org.opensmartagent.samples.vpnheadend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.samples.vpnheadend.VpnHeadendDemo.Observation;
import org.opensmartagent.samples.vpnheadend.VpnHeadendDemo.Report;

/** Runs the whole VPN headend demo once and checks each step. */
class VpnHeadendDemoTest {
  private static Report report;
  private static String output;

  @BeforeAll
  static void runDemo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      report = VpnHeadendDemo.run(out);
    }
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void vpnOnlyWithApexIsRefusedWithAClearMessage() {
    assertThat(report.refusal())
        .isEqualTo(
            "VPN Only cannot coexist with Plus or Apex on the same headend (configured: VPN Apex,"
                + " VPN Only). Configure VPN Only alone, or Plus and/or Apex without VPN Only.");
    assertThat(output).contains("hq: configuration refused: VPN Only cannot coexist");
  }

  @Test
  void aPlusFeatureOnAnApexHeadendCountsUnderApexByUniqueUser() {
    assertThat(at("1.", VpnLicense.APEX))
        .returns(2L, Observation::inUse)
        .returns(EnforcementMode.AUTHORIZED, Observation::mode);
    assertThat(at("1.", VpnLicense.PLUS)).returns(EnforcementMode.INITIALIZED, Observation::mode);
  }

  @Test
  void usersBeyondTheLicensedCountAreAcceptedAndReportedOutOfCompliance() {
    assertThat(at("2.", VpnLicense.APEX))
        .returns(4L, Observation::inUse)
        .returns(EnforcementMode.OUT_OF_COMPLIANCE, Observation::mode)
        .returns("4 in use, 3 licensed", Observation::reason);
    assertThat(at("3.", VpnLicense.APEX))
        .returns(3L, Observation::inUse)
        .returns(EnforcementMode.AUTHORIZED, Observation::mode);
  }

  @Test
  void vpnOnlyCountsSimultaneousConnections() {
    assertThat(at("4.", VpnLicense.VPN_ONLY))
        .returns(3L, Observation::inUse)
        .returns(EnforcementMode.OUT_OF_COMPLIANCE, Observation::mode);
    assertThat(at("5.", VpnLicense.VPN_ONLY))
        .returns(2L, Observation::inUse)
        .returns(EnforcementMode.AUTHORIZED, Observation::mode);
  }

  @Test
  void aPlusHeadendRefusesAnApexFeatureAndCountsPerpetualPlusTerm() {
    assertThat(output)
        .contains(
            "lab: session refused: A posture assessment session needs a VPN Apex license; this"
                + " headend is configured for VPN Plus");
    assertThat(at("6.", VpnLicense.PLUS))
        .returns(EnforcementMode.AUTHORIZED, Observation::mode)
        .returns("1 in use, 10 licensed", Observation::reason);
  }

  @Test
  void theServerSaysOutOfComplianceOnceTheApexTermHasEnded() {
    assertThat(at("7.", VpnLicense.APEX))
        .returns(EnforcementMode.OUT_OF_COMPLIANCE, Observation::mode)
        .returns("3 in use, 0 licensed", Observation::reason);
  }

  private static Observation at(String step, VpnLicense license) {
    return report.observations().stream()
        .filter(o -> o.step().startsWith(step) && o.license() == license)
        .findFirst()
        .orElseThrow();
  }
}
