package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.START;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.OperationResult.Operation;
import org.opensmartagent.core.OperationResult.Outcome;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.RenewIdRequest;
import org.opensmartagent.core.transport.ScriptedTransport.Op;
import org.opensmartagent.core.transport.TransportException;

/**
 * The two renewals of a registered product, answer by answer: a refusal, no answer, an answer that
 * cannot be trusted, and a server that asks the agent to wait longer than its deadline allows.
 */
@Timeout(20)
class RenewalOutcomesTest {

  @Test
  void aRefusedIdRenewalIsRetriedOnlyAfterTheLongestBackoffAndIsNoAuthorizationFailure()
      throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.advanceDays(10);
      Instant refusedAt = f.time.now();
      f.server.rejectNext(Op.RENEW_ID, RejectReason.CERTIFICATE_INVALID, "certificate refused");

      OperationResult r = f.agent.renewId();

      assertThat(r.operation()).isEqualTo(Operation.RENEW_ID);
      assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
      assertThat(r.rejectReason()).contains(RejectReason.CERTIFICATE_INVALID);
      assertThat(r.message())
          .startsWith("ID certificate renewal refused: ")
          .contains("certificate refused");
      assertThat(f.events(EventCode.ID_CERT_RENEW_FAILED))
          .singleElement()
          .satisfies(e -> assertThat(e.message()).isEqualTo(r.message()));
      assertThat(f.status().registration().nextRenewalAttempt())
          .contains(refusedAt.plus(f.policy.retryMax()));
      // the authorization is untouched by the certificate's refusal
      assertThat(f.status().authorization().lastFailure()).isEmpty();
      assertThat(f.status().authorization().consecutiveFailures()).isZero();

      int sent = f.server.requests(RenewIdRequest.class).size();
      f.advance(f.policy.retryMax().minusSeconds(1));
      assertThat(f.server.requests(RenewIdRequest.class)).hasSize(sent);
      f.advance(Duration.ofSeconds(1));
      assertThat(f.server.requests(RenewIdRequest.class)).hasSize(sent + 1);
      assertThat(f.events(EventCode.ID_CERT_RENEW_SUCCESS)).hasSize(1);
    }
  }

  @Test
  void aRefusedAuthorizationRenewalShowsItsReasonAsTheLastFailure() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.rejectNext(Op.AUTHORIZE, RejectReason.CERTIFICATE_INVALID, "certificate refused");

      OperationResult r = f.agent.renewAuthorization();

      assertThat(r.operation()).isEqualTo(Operation.RENEW_AUTHORIZATION);
      assertThat(r.message()).startsWith("Authorization renewal refused: ");
      assertThat(f.status().authorization().lastFailure())
          .hasValueSatisfying(why -> assertThat(why).contains("certificate refused"));
      assertThat(f.status().authorization().nextCommunicationAttempt())
          .contains(f.time.now().plus(f.policy.retryMax()));
      assertThat(f.status().registration().lastFailure()).isEmpty();
    }
  }

  @Test
  void anUnansweredIdRenewalIsRetriedWithBackoffAndItsSuccessRestoresCommunication()
      throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      Instant failedAt = f.time.now();
      f.server.failNext(
          Op.RENEW_ID, new TransportException(TransportException.Kind.TIMEOUT, "timed out"));

      OperationResult r = f.agent.renewId();

      assertThat(r.operation()).isEqualTo(Operation.RENEW_ID);
      assertThat(r.outcome()).isEqualTo(Outcome.COMMUNICATION_FAILED);
      Instant retry = r.nextRetry().orElseThrow();
      // the first failure waits between half and all of the shortest backoff
      assertThat(retry)
          .isBetween(
              failedAt.plus(f.policy.retryInitial().dividedBy(2)),
              failedAt.plus(f.policy.retryInitial()));
      assertThat(r.message())
          .startsWith("ID certificate renewal failed: ")
          .contains("timed out")
          .endsWith("Retrying at " + retry);
      assertThat(f.status().registration().nextRenewalAttempt()).contains(retry);
      assertThat(f.events(EventCode.ID_CERT_RENEW_FAILED))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.message()).contains("Retrying at " + retry);
                assertThat(e.details()).containsEntry("retryAt", retry.toString());
              });
      assertThat(f.events(EventCode.COMM_FAILED)).hasSize(1);

      f.time.advanceTo(retry);

      assertThat(f.server.requests(RenewIdRequest.class)).hasSize(2);
      assertThat(f.events(EventCode.ID_CERT_RENEW_SUCCESS)).hasSize(1);
      assertThat(f.events(EventCode.COMM_RESTORED)).hasSize(1);
      assertThat(f.status().registration().registrationExpires())
          .contains(retry.plus(Duration.ofDays(365)));
    }
  }

  @Test
  void anUnansweredAuthorizationRenewalAnnouncesItsRetry() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.failNext(
          Op.AUTHORIZE, new TransportException(TransportException.Kind.TIMEOUT, "timed out"));

      OperationResult r = f.agent.renewAuthorization();

      Instant retry = r.nextRetry().orElseThrow();
      assertThat(f.events(EventCode.AUTH_RENEW_FAILED))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.message())
                    .isEqualTo("Authorization renewal failed: timed out. Retrying at " + retry);
                assertThat(e.details()).containsEntry("retryAt", retry.toString());
              });
      assertThat(f.status().authorization().lastFailure()).contains("timed out");
      assertThat(f.status().authorization().nextCommunicationAttempt()).contains(retry);
    }
  }

  @Test
  void renewalAnswersWithTheWrongNonceAreNotTrustedAndChangeNothing() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.advanceDays(3);
      AgentStatus before = f.status();
      f.server.echoWrongNonce(true);

      OperationResult auth = f.agent.renewAuthorization();
      OperationResult id = f.agent.renewId();

      assertThat(auth.outcome()).isEqualTo(Outcome.COMMUNICATION_FAILED);
      assertThat(auth.message()).contains("nonce");
      assertThat(id.outcome()).isEqualTo(Outcome.COMMUNICATION_FAILED);
      assertThat(id.message()).contains("nonce");
      AgentStatus after = f.status();
      assertThat(after.authorization().lastAuthorization())
          .isEqualTo(before.authorization().lastAuthorization())
          .contains(START);
      assertThat(after.authorization().communicationDeadline())
          .isEqualTo(before.authorization().communicationDeadline());
      assertThat(after.registration().registrationExpires())
          .isEqualTo(before.registration().registrationExpires());
      assertThat(f.events(EventCode.ID_CERT_RENEW_SUCCESS)).isEmpty();
    }
  }

  /**
   * A product whose longest backoff (60 days) is longer than its authorization renewal interval (40
   * days), and whose ID certificate is renewed only 35 days before it expires.
   */
  private static Fixtures patientProduct() throws Exception {
    ProductPolicy policy =
        Fixtures.defaultPolicy()
            .newBuilder()
            .authorizationRenewal(Duration.ofDays(40))
            .idCertRenewal(Duration.ofDays(330))
            .retry(Duration.ofMinutes(1), Duration.ofDays(60))
            .build();
    return new Fixtures(policy, new InMemoryTrustedStore());
  }

  private static final TransportException WAIT_60_DAYS =
      TransportException.tryAgainLater(Optional.of(Duration.ofDays(60)));

  @Test
  void aFirstAuthorizationPostponedByTheServerIsRetriedNoLaterThanTheRegularRenewal()
      throws Exception {
    try (Fixtures f = patientProduct()) {
      f.agent.enable();
      f.server.failNext(Op.AUTHORIZE, WAIT_60_DAYS);

      f.agent.register("TOKEN1");

      // never authorized, so there is no deadline: the regular interval caps the server's 60 days
      assertThat(f.status().authorization().nextCommunicationAttempt())
          .contains(START.plus(Duration.ofDays(40)));
    }
  }

  @Test
  void aPostponedRenewalIsRetriedNoLaterThanHalfwayToTheAuthorizationsEnd() throws Exception {
    try (Fixtures f = patientProduct()) {
      f.registeredWithFeatures(); // authorized until day 90
      f.server.failNext(Op.AUTHORIZE, WAIT_60_DAYS);

      f.advanceDays(40); // the regular renewal, postponed by the server

      assertThat(f.server.requests(AuthorizeRequest.class)).hasSize(2);
      // halfway from day 40 to day 90, before the regular renewal on day 80
      assertThat(f.status().authorization().nextCommunicationAttempt())
          .contains(START.plus(Duration.ofDays(65)));
    }
  }

  @Test
  void aPostponedIdRenewalIsRetriedNoLaterThanHalfwayToTheCertificatesExpiry() throws Exception {
    try (Fixtures f = patientProduct()) {
      f.registeredWithFeatures(); // ID certificate valid until day 365, renewed on day 330
      f.advanceDays(300);
      f.server.failNext(Op.RENEW_ID, WAIT_60_DAYS);

      OperationResult r = f.agent.renewId();

      // halfway from day 300 to day 365, before the server's 60 days
      assertThat(r.nextRetry())
          .contains(START.plus(Duration.ofDays(300)).plus(Duration.ofHours(780)));
    }
  }
}
