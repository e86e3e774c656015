package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;

/** A clock set backwards is reported and never extends evaluation, grace or deadlines. */
class ClockRollbackTest {

  @Test
  void rollingTheClockBackDoesNotGiveEvaluationTimeBack() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.request(DLP);
      f.advanceDays(50);
      f.time.setClock(f.time.now().minus(Duration.ofDays(45)));
      f.agent.request(MALWARE); // any commit notices the jump
      assertThat(f.events(EventCode.SYSTEM_CLOCK_CHANGED)).hasSize(1);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(40));
      f.advanceDays(40);
      assertThat(f.status().authorization().state())
          .isEqualTo(AuthorizationState.EVALUATION_EXPIRED);
    }
  }

  @Test
  void rollingTheClockBackDoesNotPostponeTheAuthorizationDeadline() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.setDown(true);
      f.advanceDays(60);
      f.time.setClock(f.time.now().minus(Duration.ofDays(365)));
      f.advanceDays(30);
      assertThat(f.status().authorization().state())
          .isEqualTo(AuthorizationState.AUTHORIZATION_EXPIRED);
      assertThat(f.events(EventCode.SYSTEM_CLOCK_CHANGED)).hasSize(1);
      assertThat(f.events(EventCode.ID_CERT_OUT_OF_RANGE)).hasSize(1);
    }
  }

  @Test
  void aRollbackWhileSwitchedOffIsNoticedAtStart(@TempDir Path dir) throws Exception {
    DeviceSecret secret = DeviceSecret.of(new byte[32]);
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), FileTrustedStore.open(dir, secret))) {
      f.agent.enable();
      f.agent.request(DLP);
      f.advanceDays(10);
      f.agent.close();
      f.time.setClock(f.time.now().minus(Duration.ofDays(5)));
      f.events.clear();
      f.restart(FileTrustedStore.open(dir, secret));
      assertThat(f.events(EventCode.SYSTEM_CLOCK_CHANGED)).hasSize(1);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(80));
      f.advanceDays(1);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(79));
    }
  }
}
