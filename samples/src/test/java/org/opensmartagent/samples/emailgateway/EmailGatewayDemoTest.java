package org.opensmartagent.samples.emailgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.samples.emailgateway.GatewayLicenses.ANTI_MALWARE;
import static org.opensmartagent.samples.emailgateway.GatewayLicenses.ANTI_SPAM;
import static org.opensmartagent.samples.emailgateway.GatewayLicenses.DLP;
import static org.opensmartagent.samples.emailgateway.GatewayLicenses.OUTBREAK_FILTERS;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.samples.emailgateway.EmailGatewayDemo.Step;
import org.opensmartagent.samples.emailgateway.MailPipeline.Disposition;

/** Runs the whole email gateway demo once and checks what every step did. */
class EmailGatewayDemoTest {
  private static List<Step> steps;
  private static String output;

  @BeforeAll
  static void runDemo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      steps = EmailGatewayDemo.run(out);
    }
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void walksThroughFiveSteps() {
    assertThat(steps)
        .extracting(Step::authorization)
        .containsExactly(
            AuthorizationState.EVALUATION,
            AuthorizationState.AUTHORIZED,
            AuthorizationState.OUT_OF_COMPLIANCE,
            AuthorizationState.OUT_OF_COMPLIANCE,
            AuthorizationState.AUTHORIZED);
  }

  @Test
  void everyStageRunsDuringEvaluationAndOnceRegistered() {
    for (Step step : List.of(steps.get(0), steps.get(1))) {
      assertThat(step.modes().values())
          .containsOnly(
              step == steps.get(0) ? EnforcementMode.EVALUATION : EnforcementMode.AUTHORIZED);
      assertThat(cleanMessage(step).ran()).containsExactly(Stage.values());
      assertThat(step.results())
          .extracting(MailPipeline.Result::disposition)
          .containsExactly(
              Disposition.DELIVERED, Disposition.QUARANTINED_MALWARE, Disposition.HELD_BY_DLP);
    }
  }

  @Test
  void overUseKeepsEveryStageRunningWhileTheGraceRuns() {
    Step step = steps.get(2);
    assertThat(step.modes().get(ANTI_SPAM)).isEqualTo(EnforcementMode.AUTHORIZED);
    for (var tag : List.of(ANTI_MALWARE, OUTBREAK_FILTERS, DLP)) {
      assertThat(step.modes().get(tag)).isEqualTo(EnforcementMode.OUT_OF_COMPLIANCE);
    }
    assertThat(cleanMessage(step).skipped()).isEmpty();
  }

  @Test
  void afterTheGraceOnlyTheDenyWhenExpiredStagesAreSkipped() {
    Step step = steps.get(3);
    assertThat(step.modes().get(OUTBREAK_FILTERS)).isEqualTo(EnforcementMode.GRACE_PERIOD_EXPIRED);
    assertThat(step.modes().get(DLP)).isEqualTo(EnforcementMode.GRACE_PERIOD_EXPIRED);
    assertThat(cleanMessage(step).skipped()).containsExactly(Stage.ANTI_MALWARE, Stage.DLP);
    assertThat(cleanMessage(step).ran()).contains(Stage.OUTBREAK_FILTERS, Stage.ANTI_SPAM);
    assertThat(step.results())
        .extracting(MailPipeline.Result::disposition)
        .containsOnly(Disposition.DELIVERED); // the malware and the card number got through
  }

  @Test
  void aSkippedStageIsLoggedOnceAndResumesAfterTheFix() {
    assertThat(count(output, "anti-malware skipped:")).isEqualTo(1);
    assertThat(count(output, "dlp skipped:")).isEqualTo(1);
    assertThat(output)
        .contains("anti-malware is licensed again")
        .contains("skipped in total: dlp 3");
    Step fixed = steps.get(4);
    assertThat(fixed.modes().values()).containsOnly(EnforcementMode.AUTHORIZED);
    assertThat(cleanMessage(fixed).ran()).containsExactly(Stage.values());
  }

  @Test
  void licensingAlertsArePrintedAsSyslogLines() {
    assertThat(output)
        .contains("esa01 %SMART_LIC-5-EVAL_STARTED:")
        .contains("esa01 %SMART_LIC-5-AGENT_REG_SUCCESS:")
        .contains("esa01 %SMART_LIC-4-OOC_GRACE_WARNING:")
        .contains("esa01 %SMART_LIC-3-OOC_GRACE_EXPIRED:")
        .contains("esa01 %SMART_LIC-5-IN_COMPLIANCE:")
        .doesNotContain("-6-"); // state-change chatter stays out of the alerts
  }

  private static MailPipeline.Result cleanMessage(Step step) {
    return step.results().get(0);
  }

  private static int count(String text, String needle) {
    return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
  }
}
