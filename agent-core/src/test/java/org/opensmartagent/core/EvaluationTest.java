package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.OUTBREAK;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.store.InMemoryTrustedStore;

/** The evaluation period: counts only while in use, once per life, with its notices. */
class EvaluationTest {

  @Test
  void countsDownOnlyWhileSomethingIsInUse() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.advanceDays(20);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(90));
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.NONE);

      f.agent.request(DLP);
      f.advanceDays(10);
      f.agent.release(DLP);
      f.advanceDays(100);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(80));
      assertThat(f.status().evaluation().counting()).isFalse();

      f.agent.request(DLP);
      f.advance(Duration.ofHours(12));
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(80).minusHours(12));
      assertThat(f.status().evaluation().counting()).isTrue();
    }
  }

  @Test
  void baseEntitlementsAloneDoNotCount() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      assertThat(f.mode(Fixtures.MAIL)).isEqualTo(EnforcementMode.AUTHORIZED);
      f.advanceDays(200);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(90));
    }
  }

  @Test
  void expiresAfterNinetyDaysOfUseAndDeniesOnlyDenyWhenExpiredFeatures() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.request(MALWARE);
      f.agent.request(DLP);
      f.advance(Duration.ofDays(90).minusSeconds(1));
      assertThat(f.mode(MALWARE)).isEqualTo(EnforcementMode.EVALUATION);
      assertThat(f.agent.isAllowed(MALWARE)).isTrue();
      f.advance(Duration.ofSeconds(1));
      assertThat(f.status().authorization().state())
          .isEqualTo(AuthorizationState.EVALUATION_EXPIRED);
      assertThat(f.mode(MALWARE)).isEqualTo(EnforcementMode.EVALUATION_EXPIRED);
      assertThat(f.agent.isAllowed(MALWARE)).isFalse();
      assertThat(f.agent.isAllowed(DLP)).isTrue();
      assertThat(f.agent.isAllowed(Fixtures.MAIL)).isTrue();
      assertThat(f.events(EventCode.EVAL_EXPIRED)).hasSize(1);
      assertThat(f.events(EventCode.FEATURE_EXPIRED)).hasSize(2);
    }
  }

  @Test
  void eachNoticeFiresExactlyOnceAtItsThresholdAcrossAYear() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.request(OUTBREAK);
      for (int day = 0; day < 365; day++) {
        f.advanceDays(1);
        if (day == 40) {
          f.agent.release(OUTBREAK); // a pause does not re-fire or skip notices
        }
        if (day == 100) {
          f.agent.request(OUTBREAK);
        }
      }
      List<AgentEvent> notices = f.events(EventCode.EVAL_EXPIRY_WARNING);
      assertThat(notices)
          .extracting(e -> e.details().get("threshold"))
          .containsExactly("PT2160H", "PT1440H", "PT720H", "PT360H", "PT120H", "PT24H");
      assertThat(notices)
          .extracting(e -> e.details().get("remaining"))
          .containsExactly("PT2160H", "PT1440H", "PT720H", "PT360H", "PT120H", "PT24H");
      // in use on days 0-41 and from day 101: 60 days left on day 30, 30 left on day 120
      assertThat(notices.get(1).time()).isEqualTo(Fixtures.START.plus(Duration.ofDays(30)));
      assertThat(notices.get(2).time()).isEqualTo(Fixtures.START.plus(Duration.ofDays(120)));
      assertThat(f.events(EventCode.EVAL_EXPIRED)).hasSize(1);
      assertThat(f.events(EventCode.EVAL_STARTED)).hasSize(1);
    }
  }

  @Test
  void remainingDaysAreUsedAgainAfterDeregistrationButNeverRefilled() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.request(DLP);
      f.advanceDays(25);
      f.agent.register("TOKEN1");
      f.advanceDays(100);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(65));
      f.agent.deregister();
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.EVALUATION);
      f.advanceDays(65);
      assertThat(f.status().authorization().state())
          .isEqualTo(AuthorizationState.EVALUATION_EXPIRED);
      f.agent.register("TOKEN2");
      f.agent.deregister();
      assertThat(f.status().evaluation().remaining()).isZero();
      assertThat(f.status().authorization().state())
          .isEqualTo(AuthorizationState.EVALUATION_EXPIRED);
    }
  }

  @Test
  void aProductWithoutEvaluationNeedsALicenseAtOnce() throws Exception {
    ProductPolicy noEval = Fixtures.defaultPolicy().newBuilder().noEvaluation().build();
    try (Fixtures f = new Fixtures(noEval, new InMemoryTrustedStore())) {
      f.agent.enable();
      f.agent.request(MALWARE);
      assertThat(f.status().evaluation().available()).isFalse();
      assertThat(f.mode(MALWARE)).isEqualTo(EnforcementMode.EVALUATION_EXPIRED);
      assertThat(f.agent.isAllowed(MALWARE)).isFalse();
      assertThat(f.events(EventCode.EVAL_STARTED)).isEmpty();
      f.agent.register("TOKEN1");
      assertThat(f.mode(MALWARE)).isEqualTo(EnforcementMode.AUTHORIZED);
      assertThat(f.agent.isAllowed(MALWARE)).isTrue();
    }
  }

  @Test
  void evaluationUsageSurvivesARestart(@TempDir Path dir) throws Exception {
    DeviceSecret secret = DeviceSecret.of(new byte[32]);
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), FileTrustedStore.open(dir, secret))) {
      f.agent.enable();
      f.agent.request(DLP);
      f.advanceDays(7);
      f.agent.close();
      f.restart(FileTrustedStore.open(dir, secret));
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(83));
      assertThat(f.status().evaluation().counting()).isTrue();
      assertThat(f.events(EventCode.EVAL_STARTED)).hasSize(1);
    }
  }
}
