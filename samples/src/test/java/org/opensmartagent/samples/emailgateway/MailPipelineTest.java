package org.opensmartagent.samples.emailgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.samples.emailgateway.MailPipeline.Disposition;
import org.opensmartagent.samples.lab.Lab;

class MailPipelineTest {
  @Test
  void withNothingRequestedTheDenyWhenExpiredStagesAreSkippedAndLoggedOnce() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Lab lab = Lab.start("acme", "mail");
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
      SmartAgent agent = lab.agent(GatewayLicenses.POLICY, Udi.of("ESA-C170", "FCH0001"), e -> {});
      agent.enable(); // nothing requested: the DENY_WHEN_EXPIRED features are denied
      MailPipeline pipeline = new MailPipeline(agent, out);
      Message bounce = new Message("", "Undeliverable", "no tag here");

      MailPipeline.Result r = pipeline.process(bounce);
      pipeline.process(bounce);

      assertThat(r.disposition()).isEqualTo(Disposition.DROPPED_INVALID_BOUNCE);
      assertThat(r.ran()).containsExactly(Stage.ACCEPT, Stage.BOUNCE_VERIFICATION);
      assertThat(pipeline.skipped(Stage.ANTI_MALWARE)).isZero(); // dropped before it
      MailPipeline.Result spam = pipeline.process(new Message("x@y", "WINNER!", "EICAR"));
      assertThat(spam.disposition()).isEqualTo(Disposition.QUARANTINED_SPAM);
      MailPipeline.Result malware = pipeline.process(new Message("x@y", "hi", "EICAR"));
      assertThat(malware.skipped()).containsExactly(Stage.ANTI_MALWARE, Stage.DLP);
      assertThat(malware.disposition()).isEqualTo(Disposition.DELIVERED);
      pipeline.process(new Message("x@y", "hi", "clean"));
      assertThat(pipeline.skipped(Stage.ANTI_MALWARE)).isEqualTo(2);
      assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("skipped:")))
          .hasSize(2);
    }
  }

  @Test
  void argumentsAreCheckedEagerly() {
    assertThatThrownBy(() -> new Message("a", "b", null)).hasMessage("body == null");
    assertThatThrownBy(() -> new SyslogListener("h", null)).hasMessage("out == null");
  }
}
