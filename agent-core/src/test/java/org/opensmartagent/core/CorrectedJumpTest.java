package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A forward clock jump that NTP corrects costs nothing: the evaluation is charged the time that
 * really passed (the monotonic ticker), and what the agent stamped while the clock was ahead moves
 * back when the server's signed time heals agent time.
 */
@Timeout(30)
class CorrectedJumpTest {

  @Test
  void aForwardJumpCostsNoEvaluationCorrectedOrNot() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.request(DLP);
      f.advanceDays(10);
      f.time.setClock(f.time.now().plus(Duration.ofDays(30)));
      f.advance(Duration.ofDays(1).plusHours(1)); // the daily wake-up sees the jump
      Duration used = Duration.ofDays(11).plusHours(1);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(90).minus(used));
      f.time.setClock(f.time.now().minus(Duration.ofDays(30))); // NTP corrects it
      f.advanceDays(2);
      assertThat(f.status().evaluation().remaining())
          .isEqualTo(Duration.ofDays(90).minus(used).minus(Duration.ofDays(2)));
    }
  }

  @Test
  void aRolledBackClockStillGivesNoEvaluationBack() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.request(DLP);
      f.advanceDays(10);
      f.time.setClock(f.time.now().minus(Duration.ofDays(9)));
      f.advanceDays(2);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(78));
    }
  }

  @Test
  void whatWasStampedWhileTheClockWasAheadMovesBackWhenTimeHeals() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.advanceDays(1);
      f.time.setClock(f.time.now().plus(Duration.ofDays(100)));
      f.server.setServerClockOffset(Duration.ofDays(-100)); // the server keeps the true time
      f.advance(Duration.ofDays(1).plusHours(1));
      f.time.setClock(f.time.now().minus(Duration.ofDays(100))); // NTP corrects the clock
      f.server.setServerClockOffset(Duration.ZERO);
      Instant truth = f.time.now();
      OperationResult r = f.agent.renewAuthorization();
      assertThat(r.succeeded()).as(r.message()).isTrue();
      assertThat(f.status().authorization().lastCommunicationAttempt())
          .hasValueSatisfying(t -> assertThat(t).isBeforeOrEqualTo(truth.plusSeconds(1)));
      assertThat(f.status().takenAt()).isBeforeOrEqualTo(truth.plusSeconds(1));
    }
  }
}
