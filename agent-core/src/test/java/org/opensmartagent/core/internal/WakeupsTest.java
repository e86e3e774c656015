package org.opensmartagent.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;

/** The local wake-ups the table of {@link DueTest} does not pin: notices and grace periods. */
class WakeupsTest {
  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
  private static final EntitlementTag FEATURE = EntitlementTag.parse("Feature_Tag");
  private static final ProductPolicy P =
      ProductPolicy.builder()
          .productName("Test Product")
          .entitlement(EntitlementDefinition.base("Base_Tag", "Base"))
          .entitlement(EntitlementDefinition.feature(FEATURE.value(), "Feature"))
          .build();

  private static AgentState registered(Instant certNotAfter) {
    AgentState s = AgentState.fresh(P);
    s.enabled = true;
    s.registration = RegistrationState.REGISTERED;
    s.beforeAttempt = RegistrationState.REGISTERED;
    s.reg =
        Optional.of(
            new Registration(
                "PI-1",
                "SA",
                "VA",
                false,
                T,
                T,
                certNotAfter,
                T,
                List.of(new byte[] {1}),
                new byte[] {2},
                new byte[] {3}));
    s.lastAuthorization = Optional.of(T);
    s.lastContact = Optional.of(T);
    return s;
  }

  @Test
  void thirtyDaysBeforeTheIdCertificateExpiresTheAgentWakesToWarn() {
    AgentState s = registered(T.plus(Duration.ofDays(40)));

    assertThat(Wakeups.next(s, P, T)).contains(T.plus(Duration.ofDays(10)));
    // once past the warning instant, the next thing is the expiry itself
    assertThat(Wakeups.next(s, P, T.plus(Duration.ofDays(11))))
        .contains(T.plus(Duration.ofDays(40)));
  }

  @Test
  void evaluationWakesAtEachNoticeThreshold() {
    AgentState s = AgentState.fresh(P);
    s.enabled = true;
    s.evalRemaining = Duration.ofDays(40);
    s.evalCountingSince = Optional.of(T);
    ProductPolicy daily = P.newBuilder().checkpointInterval(Duration.ofDays(365)).build();

    // notices at 90, 60, 30, 15, 5 and 1 days left: with 40 left, the 30-day one is next
    assertThat(Wakeups.next(s, daily, T)).contains(T.plus(Duration.ofDays(10)));
    s.evalNoticesFired = 0b111;
    assertThat(Wakeups.next(s, daily, T)).contains(T.plus(Duration.ofDays(25)));
    s.evalNoticesFired = 0b111111;
    assertThat(Wakeups.next(s, daily, T)).contains(T.plus(Duration.ofDays(40)));
  }

  @Test
  void aGracePeriodWakesAtItsNoticesAndItsEnd() {
    AgentState s = AgentState.fresh(P);
    s.enabled = true;
    Instant end = T.plus(Duration.ofDays(40));
    s.entitlements.get(FEATURE).graceEnds = Optional.of(end);

    assertThat(Wakeups.next(s, P, T)).contains(end.minus(Duration.ofDays(30)));
    s.entitlements.get(FEATURE).graceNoticesFired = 0b1111;
    assertThat(Wakeups.next(s, P, T)).contains(end);
    assertThat(Wakeups.next(s, P, end)).isEmpty();
  }
}
