package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.START;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Out-of-compliance grace: 30 days per license, with notices at 30, 15, 5 days and the last. */
class OutOfComplianceTest {

  @Test
  void eachLicenseHasItsOwnGracePeriod() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.setOutOfCompliance(MALWARE, true);
      f.agent.renewAuthorization();
      f.advanceDays(10);
      f.server.setOutOfCompliance(DLP, true);
      f.agent.renewAuthorization();

      AgentStatus s = f.status();
      assertThat(s.entitlement(MALWARE).orElseThrow().graceEnds())
          .contains(START.plus(Duration.ofDays(30)));
      assertThat(s.entitlement(DLP).orElseThrow().graceEnds())
          .contains(START.plus(Duration.ofDays(40)));

      f.advanceDays(20);
      assertThat(f.mode(MALWARE)).isEqualTo(EnforcementMode.GRACE_PERIOD_EXPIRED);
      assertThat(f.agent.isAllowed(MALWARE)).isFalse();
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.OUT_OF_COMPLIANCE);
      assertThat(f.events(EventCode.OOC_GRACE_EXPIRED))
          .extracting(e -> e.details().get("tag"))
          .containsExactly(MALWARE.value());

      f.advanceDays(10);
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.GRACE_PERIOD_EXPIRED);
      assertThat(f.agent.isAllowed(DLP)).as("report-only").isTrue();
      assertThat(f.status().authorization().state())
          .isEqualTo(AuthorizationState.OUT_OF_COMPLIANCE);
    }
  }

  @Test
  void noticesFireAtThirtyFifteenFiveAndTheLastDay() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.setOutOfCompliance(MALWARE, true);
      f.agent.renewAuthorization();
      f.advanceDays(40);
      assertThat(f.events(EventCode.OOC_GRACE_WARNING))
          .extracting(AgentEvent::time)
          .containsExactly(
              START,
              START.plus(Duration.ofDays(15)),
              START.plus(Duration.ofDays(25)),
              START.plus(Duration.ofDays(29)));
    }
  }

  @Test
  void complianceRestoredEndsTheGraceAndAllowsTheFeatureAgain() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.setOutOfCompliance(MALWARE, true);
      f.agent.renewAuthorization();
      f.advanceDays(31);
      assertThat(f.agent.isAllowed(MALWARE)).isFalse();
      f.server.setOutOfCompliance(MALWARE, false);
      f.agent.renewAuthorization();
      assertThat(f.mode(MALWARE)).isEqualTo(EnforcementMode.AUTHORIZED);
      assertThat(f.agent.isAllowed(MALWARE)).isTrue();
      assertThat(f.status().entitlement(MALWARE).orElseThrow().graceEnds()).isEmpty();
      assertThat(f.events(EventCode.IN_COMPLIANCE)).hasSize(1);
    }
  }

  @Test
  void anUnknownTagIsReportedAsInvalid() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.server.setUnknown(DLP);
      f.registeredWithFeatures();
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.INVALID_TAG);
      assertThat(f.events(EventCode.INVALID_TAG)).hasSize(1);
      assertThat(f.status().authorization().state())
          .as("the overall status says that a license in use is not authorized")
          .isEqualTo(AuthorizationState.OUT_OF_COMPLIANCE);
    }
  }
}
