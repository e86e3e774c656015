package org.opensmartagent.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.ProductPolicy;

/** {@link AgentTime#healStamps}: what was stamped while the clock was ahead moves back. */
class AgentTimeHealTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration BACK = Duration.ofDays(100);
  private static final EntitlementTag A = EntitlementTag.parse("Feature_A");
  private static final EntitlementTag B = EntitlementTag.parse("Feature_B");
  private static final ProductPolicy P =
      ProductPolicy.builder()
          .productName("Test Product")
          .entitlement(EntitlementDefinition.base("Base_Tag", "Base"))
          .entitlement(EntitlementDefinition.feature(A.value(), "A"))
          .entitlement(EntitlementDefinition.feature(B.value(), "B"))
          .build();

  @Test
  void aGracePeriodStartedDuringTheJumpIsShiftedBackOneStartedBeforeIsNot() {
    AgentState s = AgentState.fresh(P);
    Instant startedInTheJump = NOW.plus(BACK).minus(Duration.ofDays(2));
    Instant startedBefore = NOW.minus(Duration.ofDays(3));
    s.entitlements.get(A).graceEnds = Optional.of(startedInTheJump.plus(P.outOfComplianceGrace()));
    s.entitlements.get(B).graceEnds = Optional.of(startedBefore.plus(P.outOfComplianceGrace()));
    AgentTime.healStamps(s, NOW, BACK, P);
    assertThat(s.entitlements.get(A).graceEnds)
        .contains(startedInTheJump.minus(BACK).plus(P.outOfComplianceGrace()));
    assertThat(s.entitlements.get(B).graceEnds)
        .contains(startedBefore.plus(P.outOfComplianceGrace()));
  }

  @Test
  void attemptsReportsAndRemindersStampedAheadMoveBack() {
    AgentState s = AgentState.fresh(P);
    Instant ahead = NOW.plus(BACK).minus(Duration.ofHours(5));
    s.enabledAt = Optional.of(ahead);
    s.lastCommunicationAttempt = Optional.of(ahead);
    s.lastIdRenewalAttempt = Optional.of(NOW.minus(Duration.ofDays(1)));
    s.lastReminder = Optional.of(ahead);
    s.usageReportDue = Optional.of(ahead.plus(P.usageReportDelay()));
    AgentTime.healStamps(s, NOW, BACK, P);
    Instant healed = ahead.minus(BACK);
    assertThat(s.enabledAt).contains(healed);
    assertThat(s.lastCommunicationAttempt).contains(healed);
    assertThat(s.lastIdRenewalAttempt).contains(NOW.minus(Duration.ofDays(1)));
    assertThat(s.lastReminder).contains(healed);
    assertThat(s.usageReportDue).contains(healed.plus(P.usageReportDelay()));
  }

  @Test
  void retriesSetWhileTheClockWasAheadMoveBackOnesSetBeforeDoNot() {
    AgentState s = AgentState.fresh(P);
    Instant failedAhead = NOW.plus(BACK).minus(Duration.ofHours(5));
    Instant retryAhead = failedAhead.plus(P.retryMax());
    Instant retrySoon = NOW.plus(Duration.ofHours(3)); // set before the jump: within one backoff
    s.authRetry = new RetryState(7, Optional.of(retryAhead));
    s.idRetry = new RetryState(2, Optional.of(retrySoon));
    AgentTime.healStamps(s, NOW, BACK, P);
    assertThat(s.authRetry).isEqualTo(new RetryState(7, Optional.of(retryAhead.minus(BACK))));
    assertThat(s.idRetry).isEqualTo(new RetryState(2, Optional.of(retrySoon)));
  }
}
