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

  /**
   * Seed 144 of the field simulation: a grace period that ran out only because the clock was ahead
   * is running again once the server's time heals agent time. The move back from
   * GRACE_PERIOD_EXPIRED to OUT_OF_COMPLIANCE was refused as "a bug in the agent", on every
   * wake-up, without end.
   */
  @Test
  void aGracePeriodThatRanOutOnlyBecauseTheClockWasAheadRunsAgainWhenTimeHeals() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.setOutOfCompliance(DLP, true);
      assertThat(f.agent.renewAuthorization().succeeded()).isTrue();
      f.advanceDays(10);
      f.time.setClock(f.time.now().plus(Duration.ofDays(25)));
      f.server.setServerClockOffset(Duration.ofDays(-25)); // the server keeps the true time
      f.advance(Duration.ofDays(1).plusHours(1)); // the daily wake-up sees the jump
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.GRACE_PERIOD_EXPIRED);

      f.time.setClock(f.time.now().minus(Duration.ofDays(25))); // NTP corrects the clock
      f.server.setServerClockOffset(Duration.ZERO);
      OperationResult r = f.agent.renewAuthorization();

      assertThat(r.succeeded()).as(r.message()).isTrue();
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.OUT_OF_COMPLIANCE);
      int attempts =
          f.server.requests(org.opensmartagent.core.transport.AuthorizeRequest.class).size();
      f.advanceDays(1);
      assertThat(f.server.requests(org.opensmartagent.core.transport.AuthorizeRequest.class).size())
          .as("no storm of renewals")
          .isLessThanOrEqualTo(attempts + 2);
      assertThat(f.events(EventCode.OOC_GRACE_EXPIRED)).hasSize(1);
    }
  }
}
