package org.opensmartagent.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;

/** The "what is due" function, row by row: a state, a time, and the action and instant due. */
class DueTest {
  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
  private static final ProductPolicy P =
      ProductPolicy.builder()
          .productName("Test Product")
          .entitlement(EntitlementDefinition.base("Base_Tag", "Base"))
          .entitlement(EntitlementDefinition.feature("Feature_Tag", "Feature"))
          .build();
  private static final Instant REGISTERED_AT = T.minus(Duration.ofDays(10));

  private static Duration days(long d) {
    return Duration.ofDays(d);
  }

  /** One row of the table. */
  record Row(
      String name,
      Consumer<AgentState> given,
      Optional<Instant> registrationRetry,
      Optional<Due.Action> action,
      Optional<Instant> at) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Row row(String name, Consumer<AgentState> given, Due.Action action, Instant at) {
    return new Row(name, given, Optional.empty(), Optional.of(action), Optional.of(at));
  }

  private static void registered(AgentState s) {
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
                REGISTERED_AT,
                REGISTERED_AT,
                REGISTERED_AT.plus(days(365)),
                REGISTERED_AT,
                List.of(new byte[] {1}),
                new byte[] {2},
                new byte[] {3}));
    s.lastAuthorization = Optional.of(REGISTERED_AT);
    s.authorizedUntil = Optional.of(REGISTERED_AT.plus(days(90)));
    s.lastContact = Optional.of(REGISTERED_AT);
  }

  static List<Row> table() {
    return List.of(
        new Row(
            "never enabled: nothing at all",
            s -> {},
            Optional.empty(),
            Optional.empty(),
            Optional.empty()),
        row(
            "enabled, idle: the daily look at the clock",
            s -> s.enabled = true,
            Due.Action.TICK,
            T.plus(days(1))),
        row(
            "evaluation counting: the next checkpoint",
            s -> {
              s.enabled = true;
              s.evalRemaining = days(50);
              s.evalCountingSince = Optional.of(T);
            },
            Due.Action.TICK,
            T.plus(P.checkpointInterval())),
        row(
            "registered: the regular authorization renewal",
            s -> {
              registered(s);
              s.lastAuthorization = Optional.of(T.minus(days(30)).plus(Duration.ofHours(12)));
            },
            Due.Action.AUTHORIZE,
            T.plus(Duration.ofHours(12))),
        row(
            "registered, a usage change: its report",
            s -> {
              registered(s);
              s.usageDirty = true;
              s.usageReportDue = Optional.of(T.plusSeconds(5));
            },
            Due.Action.AUTHORIZE,
            T.plusSeconds(5)),
        row(
            "registered, never authorized: authorize now",
            s -> {
              registered(s);
              s.lastAuthorization = Optional.empty();
            },
            Due.Action.AUTHORIZE,
            T),
        row(
            "a pending authorization retry",
            s -> {
              registered(s);
              s.authRetry = new RetryState(1, Optional.of(T.plusSeconds(90)));
            },
            Due.Action.AUTHORIZE,
            T.plusSeconds(90)),
        row(
            "a retry set before the clock was corrected is bounded by the longest backoff",
            s -> {
              registered(s);
              s.lastAuthorization = Optional.of(T);
              s.authRetry = new RetryState(1, Optional.of(T.plus(days(300))));
              s.idRetry = new RetryState(1, Optional.of(T.plus(days(300))));
            },
            Due.Action.AUTHORIZE,
            T.plus(P.retryMax())),
        row(
            "a pending ID certificate retry",
            s -> {
              registered(s);
              s.lastAuthorization = Optional.of(T);
              s.idRetry = new RetryState(2, Optional.of(T.plusSeconds(150)));
            },
            Due.Action.RENEW_ID,
            T.plusSeconds(150)),
        row(
            "an ID certificate retry set before the clock was corrected is bounded too",
            s -> {
              registered(s);
              s.lastAuthorization = Optional.of(T);
              s.idRetry = new RetryState(1, Optional.of(T.plus(days(300))));
            },
            Due.Action.RENEW_ID,
            T.plus(P.retryMax())),
        row(
            "ID renewal before authorization when it is earlier",
            s -> {
              registered(s);
              s.lastAuthorization = Optional.of(T);
              s.reg =
                  s.reg.map(
                      r ->
                          r.renewed(
                              T.minus(days(180)),
                              r.idCertNotBefore(),
                              r.idCertNotAfter(),
                              r.idCertificateChain()));
            },
            Due.Action.RENEW_ID,
            T),
        row(
            "ID renewal no later than 30 days before the certificate expires",
            s -> {
              registered(s);
              s.lastAuthorization = Optional.of(T);
              s.reg =
                  s.reg.map(
                      r ->
                          r.renewed(
                              T,
                              r.idCertNotBefore(),
                              T.plus(days(30)).plus(Duration.ofHours(12)),
                              r.idCertificateChain()));
            },
            Due.Action.RENEW_ID,
            T.plus(Duration.ofHours(12))),
        new Row(
            "a pending registration retry wins a tie",
            s -> s.enabled = true,
            Optional.of(T.plus(days(1))),
            Optional.of(Due.Action.REGISTER_RETRY),
            Optional.of(T.plus(days(1)))),
        row(
            "a registration under way is not renewed",
            s -> {
              registered(s);
              s.registration = RegistrationState.REGISTERING;
              s.beforeAttempt = RegistrationState.UNREGISTERED;
            },
            Due.Action.TICK,
            T.plus(days(1))),
        row(
            "the authorization's end is a local deadline",
            s -> {
              registered(s);
              s.lastAuthorization = Optional.of(T);
              s.authRetry = new RetryState(3, Optional.of(T.plus(days(2))));
              s.authorizedUntil = Optional.of(T.plus(Duration.ofHours(3)));
            },
            Due.Action.TICK,
            T.plus(Duration.ofHours(3))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void whatIsDue(Row row) {
    AgentState s = AgentState.fresh(P);
    row.given().accept(s);
    Optional<Due.Next> next = Due.next(s, P, T, row.registrationRetry());
    assertThat(next.map(Due.Next::action)).as(row.name() + ": " + next).isEqualTo(row.action());
    assertThat(next.map(Due.Next::at)).as(row.name()).isEqualTo(row.at());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void isDueExactlyAtItsInstantAndNotBefore(Row row) {
    AgentState s = AgentState.fresh(P);
    row.given().accept(s);
    Optional<Due.Next> next = Due.next(s, P, T, row.registrationRetry());
    next.ifPresent(
        n -> {
          assertThat(n.isDue(n.at())).isTrue();
          assertThat(n.isDue(n.at().minusNanos(1))).isFalse();
        });
  }

  @Test
  void afterAFailureTheNextWorkIsTheEarliestNotDueNowEvenWithinOneAction() {
    AgentState s = AgentState.fresh(P);
    registered(s);
    s.lastAuthorization = Optional.of(T.minus(P.authorizationRenewal())); // renewal due now
    s.usageReportDue = Optional.of(T.plusSeconds(29));
    s.lastIdRenewalAttempt = Optional.of(T);

    assertThat(Due.next(s, P, T, Optional.empty())).contains(new Due.Next(Due.Action.AUTHORIZE, T));
    assertThat(Due.nextAfter(s, P, T, Optional.empty())).contains(T.plusSeconds(29));
    assertThat(Due.authorization(s, P, T)).as("what status shows: the sooner").contains(T);
    s.lastAuthorization = Optional.of(T);
    assertThat(Due.authorization(s, P, T)).contains(T.plusSeconds(29));
    s.lastAuthorization = Optional.of(T.minus(P.authorizationRenewal()));
    assertThat(Due.nextAfter(s, P, T, Optional.of(T.plusSeconds(10)))).contains(T.plusSeconds(10));
    assertThat(Due.nextAfter(s, P, T.plusSeconds(29), Optional.empty()))
        .get()
        .isNotEqualTo(T.plusSeconds(29));
  }

  @Test
  void aUsageReportIsNotDueForAnUnregisteredProduct() {
    AgentState s = AgentState.fresh(P);
    s.enabled = true;
    s.usageReportDue = Optional.of(T.plusSeconds(29));

    assertThat(Due.nextAfter(s, P, T, Optional.empty())).contains(T.plus(Due.LONGEST_SLEEP));
  }
}
