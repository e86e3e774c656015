package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.Fixtures.START;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.OperationResult.Operation;
import org.opensmartagent.core.OperationResult.Outcome;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.StoreLoad;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.ScriptedTransport.Op;
import org.opensmartagent.core.transport.TransportException;

/**
 * The registration paths one at a time: what each attempt sends, when each retry happens, what a
 * failure says and what it keeps, and when registering is refused.
 */
@Timeout(20)
class RegistrationPathsTest {

  private static TransportException down() {
    return new TransportException(TransportException.Kind.CONNECTION, "connection refused");
  }

  @Test
  void anUnreachableServerIsRetriedWithDoublingBackoffAndEachRetryIsAnnounced() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.server.setDown(true);

      OperationResult first = f.agent.register("TOKEN1");

      assertThat(first.operation()).isEqualTo(Operation.REGISTER);
      assertThat(first.outcome()).isEqualTo(Outcome.COMMUNICATION_FAILED);
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTRATION_RETRY);
      assertThat(f.status().registration().lastFailure())
          .hasValueSatisfying(why -> assertThat(why).contains("connection refused"));
      assertThat(f.events(EventCode.COMM_FAILED)).as("announced once").hasSize(1);

      // attempt n waits between half and all of retryInitial * 2^(n-1)
      Instant previous = START;
      List<Instant> retries = new ArrayList<>();
      for (int attempt = 1; attempt < f.policy.registrationAttempts(); attempt++) {
        List<AgentEvent> announced = f.events(EventCode.AGENT_REG_RETRY);
        assertThat(announced).hasSize(attempt);
        AgentEvent retry = announced.get(attempt - 1);
        Instant at = Instant.parse(retry.details().get("retryAt"));
        assertThat(retry.message()).contains("retrying at " + at + " while this agent runs");
        Duration full = f.policy.retryInitial().multipliedBy(1L << (attempt - 1));
        assertThat(Duration.between(previous, at))
            .as("wait before attempt " + (attempt + 1))
            .isBetween(full.dividedBy(2), full);
        retries.add(at);
        f.time.advanceTo(at);
        assertThat(f.server.requests(RegisterRequest.class)).hasSize(attempt + 1);
        previous = at;
      }
      assertThat(first.nextRetry()).contains(retries.get(0));
      assertThat(f.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_FAILED);
      assertThat(f.events(EventCode.AGENT_REG_FAILED))
          .singleElement()
          .satisfies(e -> assertThat(e.message()).doesNotContain("existing registration"));
    }
  }

  @Test
  void aForcedReRegistrationThatCannotReachTheServerKeepsTheOldOneAndDoesNotRetry()
      throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.failNext(Op.REGISTER, down());

      OperationResult r = f.agent.register("TOKEN2", true);

      assertThat(r.operation()).isEqualTo(Operation.REGISTER);
      assertThat(r.outcome()).isEqualTo(Outcome.COMMUNICATION_FAILED);
      assertThat(r.message())
          .isEqualTo("Registration failed after 1 attempt(s): connection refused");
      assertThat(r.nextRetry()).isEmpty();
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
      assertThat(f.status().registration().productInstanceId()).contains("PI-1");
      assertThat(f.events(EventCode.AGENT_REG_FAILED))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.message())
                      .isEqualTo(
                          "Registration failed: connection refused. The license server may have"
                              + " replaced the existing product instance before its answer was"
                              + " lost; the agent checks at its next usage report, at"
                              + " 2026-01-01T00:00:05Z. The existing registration is kept."));
      f.advanceDays(1);
      assertThat(f.server.requests(RegisterRequest.class)).hasSize(2);
    }
  }

  @Test
  void aNewRegistrationStartsFreshNotWithTheOldInstancesPendingRetries() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.advanceDays(2);
      f.server.failNext(Op.RENEW_ID, down());
      assertThat(f.agent.renewId().nextRetry()).isPresent();

      assertThat(f.agent.register("TOKEN2", true).succeeded()).isTrue();

      Instant now = f.time.now();
      assertThat(f.status().registration().productInstanceId()).contains("PI-2");
      assertThat(f.status().registration().nextRenewalAttempt())
          .contains(now.plus(f.policy.idCertRenewal()));
      assertThat(f.status().authorization().consecutiveFailures()).isZero();
    }
  }

  @Test
  void aSuccessAfterARefusalClearsTheLastFailure() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.server.rejectNext(Op.REGISTER, RejectReason.TOKEN_EXPIRED, "expired");
      f.agent.register("TOKEN1");
      assertThat(f.status().registration().lastFailure()).isPresent();

      assertThat(f.agent.register("TOKEN2").succeeded()).isTrue();

      assertThat(f.status().registration().lastFailure()).isEmpty();
      assertThat(f.events(EventCode.EXPORT_CONTROLLED))
          .singleElement()
          .satisfies(e -> assertThat(e.message()).endsWith("Not Allowed"));
    }
  }

  @Test
  void theAgentVersionIsSentUnlessVersionPrivacyIsOn() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.register("TOKEN1");
      assertThat(f.server.requests(RegisterRequest.class).get(0).agentVersion())
          .contains(SmartAgent.VERSION);

      f.agent.close();
      f.agent = f.builder().store(new InMemoryTrustedStore()).versionPrivacy(true).build();
      f.agent.enable();
      f.agent.register("TOKEN1");
      assertThat(f.server.requests(RegisterRequest.class).get(1).agentVersion()).isEmpty();
    }
  }

  @Test
  void registeringDuringAReservationRequestSaysToCancelItFirst() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.enableReservation();
      f.agent.requestCode(ReservationType.SPECIFIC);

      assertThatThrownBy(() -> f.agent.register("TOKEN1"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Cannot register while a license reservation is requested (")
          .hasMessageEndingWith("). Cancel or return the reservation first.");
      assertThat(f.server.requests(RegisterRequest.class)).isEmpty();
    }
  }

  @Test
  void anEmptyTokenIsRefusedBeforeAnythingIsSent() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      assertThatThrownBy(() -> f.agent.register("   "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty")
          .hasMessageContaining("General tab");
      assertThat(f.server.requests(RegisterRequest.class)).isEmpty();
    }
  }

  /**
   * A disk that lets {@code passing} saves through and then fails one, and the read-back after it:
   * the agent cannot tell whether the write reached the disk, so it takes the save as failed.
   */
  private static final class FailOneSaveLater implements TrustedStore {
    final InMemoryTrustedStore bytes = new InMemoryTrustedStore();
    int passing = -1;
    boolean failLoad;

    @Override
    public StoreLoad load() throws StoreException {
      if (failLoad) {
        failLoad = false;
        throw new StoreException("Input/output error");
      }
      return bytes.load();
    }

    @Override
    public void save(byte[] payload) throws StoreException {
      if (passing == 0) {
        passing = -1;
        failLoad = true;
        throw new StoreException("No space left on device");
      }
      if (passing > 0) {
        passing--;
      }
      bytes.save(payload);
    }

    @Override
    public void close() {}
  }

  @Test
  void aRegistrationRetryThatCannotStartIsTriedAgainAfterTheShortestBackoff() throws Exception {
    FailOneSaveLater store = new FailOneSaveLater();
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.agent.enable();
      f.server.failNext(Op.REGISTER, down());
      Instant at = f.agent.register("TOKEN1").nextRetry().orElseThrow();
      // at the retry, the wake-up's own commit is saved and the retry's first commit is not
      store.passing = 1;

      f.time.advanceTo(at);

      assertThat(store.passing).as("the failing save happened").isEqualTo(-1);
      assertThat(f.server.requests(RegisterRequest.class)).hasSize(1);
      f.time.advanceTo(at.plus(f.policy.retryInitial()));
      assertThat(f.server.requests(RegisterRequest.class)).hasSize(2);
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
    }
  }

  @Test
  void aRegistrationRetryWhoseCommitFailsEndsFailedAndTheNextRegisterWorks() throws Exception {
    FailOneSaveLater store = new FailOneSaveLater();
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.agent.enable();
      f.server.failNext(Op.REGISTER, down());
      Instant at = f.agent.register("TOKEN1").nextRetry().orElseThrow();
      // at the retry: the wake-up's commit and the retry's start are saved, the registration not
      store.passing = 2;

      f.time.advanceTo(at);

      assertThat(store.passing).as("the failing save happened").isEqualTo(-1);
      assertThat(f.server.requests(RegisterRequest.class)).hasSize(2);
      assertThat(f.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_FAILED);
      assertThat(f.status().registration().lastFailure())
          .contains("the registration could not be saved on the device");
      assertThat(f.agent.register("TOKEN1").succeeded()).isTrue();
      assertThat(Optional.of(f.status().registration().state()))
          .contains(RegistrationState.REGISTERED);
    }
  }
}
