package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.START;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.RenewIdRequest;

/** Renewal, expiry and notice timers of a registered product. */
class TimersTest {

  @Test
  void authorizationRenewsEveryThirtyDaysAndIdCertificateAfter180() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.advanceDays(29);
      assertThat(f.server.requests(AuthorizeRequest.class)).hasSize(1);
      f.advanceDays(1);
      assertThat(f.server.requests(AuthorizeRequest.class)).hasSize(2);
      assertThat(f.status().authorization().nextCommunicationAttempt())
          .contains(START.plus(Duration.ofDays(60)));

      f.advanceDays(149);
      assertThat(f.server.requests(RenewIdRequest.class)).isEmpty();
      f.advanceDays(1);
      assertThat(f.server.requests(RenewIdRequest.class)).hasSize(1);
      assertThat(f.events(EventCode.ID_CERT_RENEW_SUCCESS)).hasSize(1);
      assertThat(f.status().registration().registrationExpires())
          .contains(START.plus(Duration.ofDays(180 + 365)));
    }
  }

  @Test
  void authorizationExpiresNinetyDaysAfterTheLastSuccessAndRecoversWhenTheServerReturns()
      throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.setDown(true);
      f.advance(Duration.ofDays(90).minusSeconds(1));
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      f.advance(Duration.ofSeconds(1));
      assertThat(f.status().authorization().state())
          .isEqualTo(AuthorizationState.AUTHORIZATION_EXPIRED);
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.AUTHORIZATION_EXPIRED);
      assertThat(f.agent.isAllowed(DLP)).as("report-only stays allowed").isTrue();
      assertThat(f.agent.isAllowed(MALWARE)).as("deny-when-expired").isFalse();
      assertThat(f.events(EventCode.AUTH_EXPIRED)).hasSize(1);
      assertThat(f.events(EventCode.COMM_FAILED)).hasSize(1);

      f.server.setDown(false);
      f.advanceDays(1); // the next retry (at most a day apart) succeeds
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      assertThat(f.agent.isAllowed(MALWARE)).isTrue();
      assertThat(f.events(EventCode.COMM_RESTORED)).hasSize(1);
    }
  }

  @Test
  void registrationIsLostAfter365DaysWithoutContact() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.setDown(true);
      f.advance(Duration.ofDays(365).minusSeconds(1));
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
      f.advance(Duration.ofSeconds(1));
      assertThat(f.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_EXPIRED);
      assertThat(f.status().registration().productInstanceId()).isEmpty();
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.EVALUATION);
      assertThat(f.events(EventCode.ID_CERT_EXPIRY_WARNING)).hasSize(1);
      assertThat(f.events(EventCode.ID_CERT_EXPIRED)).hasSize(1);
      assertThat(f.status().allowedOperations()).contains(AgentStatus.Operation.REGISTER);
    }
  }

  @Test
  void retriesBackOffExponentiallyWithJitterUpToADayAndShowTheNextRetry() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.setDown(true);
      f.advanceDays(30); // first failed renewal
      List<Duration> gaps = new java.util.ArrayList<>();
      java.time.Instant previous = f.status().authorization().lastCommunicationAttempt().get();
      for (int i = 0; i < 14; i++) {
        java.time.Instant next = f.status().authorization().nextCommunicationAttempt().get();
        gaps.add(Duration.between(previous, next));
        f.time.advanceTo(next);
        previous = next;
      }
      for (int i = 0; i < gaps.size(); i++) {
        Duration full = Duration.ofMinutes(1).multipliedBy(1L << Math.min(i, 20));
        Duration cap = full.compareTo(Duration.ofHours(24)) > 0 ? Duration.ofHours(24) : full;
        assertThat(gaps.get(i)).isBetween(cap.dividedBy(2), cap);
      }
      assertThat(f.status().authorization().consecutiveFailures()).isEqualTo(15);
      assertThat(f.events(EventCode.COMM_FAILED)).as("announced once").hasSize(1);
    }
  }

  @Test
  void aRejectedRenewalIsNotRetriedWithBackoff() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.rejectNext(
          org.opensmartagent.core.transport.ScriptedTransport.Op.AUTHORIZE,
          org.opensmartagent.core.transport.RejectReason.CERTIFICATE_INVALID,
          "not the certificate issued");
      OperationResult r = f.agent.renewAuthorization();
      assertThat(r.outcome()).isEqualTo(OperationResult.Outcome.REJECTED);
      assertThat(r.message()).contains("not the certificate issued").contains("register again");
      int before = f.server.requests(AuthorizeRequest.class).size();
      f.advanceDays(1);
      assertThat(f.server.requests(AuthorizeRequest.class)).hasSize(before + 1);
      f.advance(Duration.ofHours(23));
      assertThat(f.server.requests(AuthorizeRequest.class)).hasSize(before + 1);
    }
  }

  @Test
  void aFeatureRequestedWhileTheFirstReportIsOnItsWayWaitsForTheNextOne() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.request(MALWARE);
      f.agent.request(DLP);
      // the feature is requested just as the first authorization answer leaves the server
      f.server.beforeAnswer(
          () -> {
            if (f.server.requests(AuthorizeRequest.class).size() == 1) {
              f.agent.request(Fixtures.OUTBREAK);
            }
          });
      assertThat(f.agent.register("TOKEN1").succeeded()).isTrue();
      assertThat(f.mode(Fixtures.OUTBREAK)).isEqualTo(EnforcementMode.WAITING);
      f.server.beforeAnswer(() -> {});
      f.advance(Duration.ofSeconds(5));
      assertThat(f.mode(Fixtures.OUTBREAK)).isEqualTo(EnforcementMode.AUTHORIZED);
    }
  }

  @Test
  void usageChangesAreReportedAfterTheReportDelay() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.agent.request(Fixtures.OUTBREAK);
      assertThat(f.mode(Fixtures.OUTBREAK)).isEqualTo(EnforcementMode.WAITING);
      f.agent.request(new EntitlementRequest(DLP, 3, CountUnit.DEVICES));
      f.advance(Duration.ofSeconds(5));
      List<AuthorizeRequest> reports = f.server.requests(AuthorizeRequest.class);
      assertThat(reports).hasSize(2);
      assertThat(reports.get(1).usage())
          .contains(
              new EntitlementRequest(DLP, 3, CountUnit.DEVICES),
              EntitlementRequest.one(Fixtures.OUTBREAK));
      assertThat(f.mode(Fixtures.OUTBREAK)).isEqualTo(EnforcementMode.AUTHORIZED);
    }
  }
}
