package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.OUTBREAK;
import static org.opensmartagent.core.Fixtures.START;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.store.FaultInjectingTrustedStore;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.StoreLoad;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.ScriptedTransport.Op;
import org.opensmartagent.core.transport.TransportException;

/**
 * Regression tests for the twelve defects of issue 10 ("the agent never goes silent"). Each test is
 * named after its defect and failed on the engine before the fix.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NeverSilentTest {

  private static TransportException down() {
    return new TransportException(TransportException.Kind.CONNECTION, "connection refused");
  }

  /** A store that survives its agent's close, so a test can power-cycle on the same bytes. */
  static final class Disk implements TrustedStore {
    final InMemoryTrustedStore bytes = new InMemoryTrustedStore();
    int failAfterWrite;

    @Override
    public StoreLoad load() {
      return bytes.load();
    }

    @Override
    public void save(byte[] payload) throws StoreException {
      bytes.save(payload);
      if (failAfterWrite > 0) {
        failAfterWrite--;
        throw new StoreException("the directory could not be synced after the rename");
      }
    }

    @Override
    public void close() {}
  }

  private static boolean reports(AuthorizeRequest r, EntitlementTag tag) {
    return r.usage().stream().anyMatch(u -> u.tag().equals(tag));
  }

  // ---- defect 1 ------------------------------------------------------------------------------

  @Test
  void defect1_aWakeupThatFindsAnOperationInProgressRunsRightAfterIt() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      CountDownLatch answered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      // the manual renewal's success event is delivered while it still holds the operation lock
      TrustedStore copy = copyOf(f.store);
      f.agent.close();
      f.agent =
          SmartAgent.builder()
              .policy(f.policy)
              .udi(Fixtures.UDI)
              .transport(f.server)
              .store(copy)
              .scheduler(f.time)
              .clock(f.time.clock())
              .ticker(f.time.ticker())
              .random(new SplittableRandom(7))
              .listener(
                  e -> {
                    f.events.add(e);
                    if (e.code() == EventCode.AUTH_RENEW_SUCCESS
                        && Thread.currentThread().getName().equals("operator")) {
                      answered.countDown();
                      await(release);
                    }
                  })
              .build();
      CountDownLatch onWire = new CountDownLatch(1);
      CountDownLatch change = new CountDownLatch(1);
      f.server.beforeAnswer(
          () -> {
            if (Thread.currentThread().getName().equals("operator")) {
              onWire.countDown();
              await(change);
            }
          });
      Thread operator = new Thread(() -> f.agent.renewAuthorization(), "operator");
      operator.start();
      assertThat(onWire.await(10, TimeUnit.SECONDS)).isTrue();
      // defect 11: feature checks and status never wait on an exchange
      assertThat(f.agent.isAllowed(MALWARE)).isTrue();
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      f.agent.request(OUTBREAK); // a usage change while the renewal is on the wire
      change.countDown();
      assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
      f.advance(Duration.ofMinutes(1)); // the usage report falls due while the lock is held
      release.countDown();
      operator.join(10_000);
      f.server.beforeAnswer(() -> {});
      f.advance(Duration.ofMinutes(1));
      assertThat(f.server.requests(AuthorizeRequest.class))
          .as("the usage change reaches the server right after the operation")
          .anyMatch(r -> reports(r, OUTBREAK));
      f.advanceDays(61);
      assertThat(f.server.requests(AuthorizeRequest.class)).hasSizeGreaterThanOrEqualTo(5);
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static InMemoryTrustedStore copyOf(TrustedStore store) throws StoreException {
    InMemoryTrustedStore copy = new InMemoryTrustedStore();
    copy.save(store.load().payload());
    return copy;
  }

  // ---- defect 2 ------------------------------------------------------------------------------

  @Test
  void defect2_aSaveThatFailsDuringAWakeupIsRetried_renewalsContinue() throws Exception {
    FaultInjectingTrustedStore store = new FaultInjectingTrustedStore(new InMemoryTrustedStore());
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.registeredWithFeatures();
      store.failNextSaves(1, "No space left on device");
      f.advanceDays(200);
      assertThat(store.failedSaves()).isEqualTo(1);
      assertThat(f.server.requests(AuthorizeRequest.class)).hasSizeGreaterThanOrEqualTo(7);
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
    }
  }

  @Test
  void defect2_aSaveThatFailsDuringAWakeupIsRetried_evaluationStillExpires() throws Exception {
    FaultInjectingTrustedStore store = new FaultInjectingTrustedStore(new InMemoryTrustedStore());
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.agent.enable();
      f.agent.request(DLP);
      store.failNextSaves(1, "No space left on device");
      f.advanceDays(100);
      assertThat(f.events(EventCode.EVAL_EXPIRED)).hasSize(1);
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.EVALUATION_EXPIRED);
    }
  }

  /**
   * Found by review: the wake-up's first commit re-armed it at the renewal already due, and when
   * the renewal's answer could not be stored the failed-work retry kept that wake-up, so the agent
   * renewed again at once, and again, one full exchange each time, never backing off.
   */
  @Test
  void defect2_aRenewalWhoseAnswerCannotBeStoredBacksOffInsteadOfRepeatingAtOnce()
      throws Exception {
    FaultInjectingTrustedStore store = new FaultInjectingTrustedStore(new InMemoryTrustedStore());
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.registeredWithFeatures();
      int before = f.server.requests(AuthorizeRequest.class).size();
      AtomicInteger answers = new AtomicInteger();
      f.server.beforeAnswer(
          () -> {
            if (answers.incrementAndGet() <= 3) {
              store.failNextSaves(1, "No space left on device"); // the answer's save
            }
          });
      f.advance(f.policy.authorizationRenewal().plusSeconds(1));
      assertThat(f.server.requests(AuthorizeRequest.class))
          .as("one renewal when it fell due, not one after the other")
          .hasSize(before + 1);
      f.advance(Duration.ofMinutes(1));
      assertThat(f.server.requests(AuthorizeRequest.class)).hasSize(before + 2);
      f.advance(Duration.ofMinutes(6));
      assertThat(f.server.requests(AuthorizeRequest.class)).hasSize(before + 4);
      f.server.beforeAnswer(() -> {});
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
    }
  }

  // ---- defect 3 ------------------------------------------------------------------------------

  @Test
  void defect3_aForwardJumpThatNtpCorrectsHeals() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.advanceDays(1);
      Instant truth = f.time.now();
      f.time.setClock(truth.plus(Duration.ofDays(100)));
      f.server.setServerClockOffset(Duration.ofDays(-100)); // the server keeps the true time
      f.advance(Duration.ofDays(1).plusHours(1)); // the daily wake-up sees the jump
      assertThat(f.events(EventCode.SYSTEM_CLOCK_CHANGED))
          .as("a forward jump is announced too")
          .isNotEmpty();
      f.time.setClock(f.time.now().minus(Duration.ofDays(100))); // NTP corrects it
      f.server.setServerClockOffset(Duration.ZERO);
      OperationResult r = f.agent.renewAuthorization();
      assertThat(r.succeeded()).as(r.message()).isTrue();
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      assertThat(f.agent.isAllowed(MALWARE)).isTrue();
      assertThat(f.status().authorization().communicationDeadline())
          .hasValueSatisfying(d -> assertThat(d).isAfter(f.time.now().plus(Duration.ofDays(80))));
    }
  }

  @Test
  void defect3_afterAYearLongForwardJumpIsCorrectedTheProductRegistersAgain() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      Instant truth = f.time.now();
      f.time.setClock(truth.plus(Duration.ofDays(366)));
      f.server.setServerClockOffset(Duration.ofDays(-366));
      f.advance(Duration.ofDays(1).plusHours(1));
      assertThat(f.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_EXPIRED);
      f.time.setClock(f.time.now().minus(Duration.ofDays(366)));
      f.server.setServerClockOffset(Duration.ZERO);
      OperationResult r = f.agent.register("VALIDTOKEN123", true);
      assertThat(r.succeeded()).as(r.message()).isTrue();
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      f.advanceDays(31);
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
    }
  }

  @Test
  void defect3_aRolledBackClockStillExtendsNothing() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.request(DLP);
      f.advanceDays(10);
      f.time.setClock(f.time.now().minus(Duration.ofDays(9)));
      f.advanceDays(10);
      assertThat(f.status().evaluation().remaining()).isLessThanOrEqualTo(Duration.ofDays(70));
      assertThat(f.events(EventCode.SYSTEM_CLOCK_CHANGED)).isNotEmpty();
    }
  }

  // ---- defect 4 ------------------------------------------------------------------------------

  @Test
  void defect4_powerOffTimeIsNotChargedToTheEvaluation() throws Exception {
    Disk disk = new Disk();
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), disk)) {
      f.agent.enable();
      f.agent.request(DLP);
      f.advanceDays(10);
      f.agent.close(); // power off
      f.advanceDays(30);
      f.restart(disk);
      f.agent.request(DLP);
      Duration left = f.status().evaluation().remaining();
      assertThat(left).isLessThanOrEqualTo(Duration.ofDays(80));
      assertThat(left)
          .isGreaterThanOrEqualTo(Duration.ofDays(80).minus(f.policy.checkpointInterval()));
    }
  }

  // ---- defect 5 ------------------------------------------------------------------------------

  @Test
  void defect5_anEntitlementTheNewFirmwareNoLongerDeclaresIsRetiredNotFatal() throws Exception {
    Disk disk = new Disk();
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), disk)) {
      f.registeredWithFeatures();
      f.agent.request(OUTBREAK);
      f.advance(Duration.ofMinutes(1));
    }
    ProductPolicy upgraded =
        ProductPolicy.builder()
            .productName("Email Security Appliance")
            .entitlement(EntitlementDefinition.base(Fixtures.MAIL.value(), "Mail Handling"))
            .entitlement(EntitlementDefinition.feature(DLP.value(), "Data Loss Prevention"))
            .build();
    try (Fixtures f = new Fixtures(upgraded, disk)) {
      f.time.setClock(START.plus(Duration.ofHours(1)));
      f.advance(Duration.ofMinutes(1));
      List<AuthorizeRequest> reports = f.server.requests(AuthorizeRequest.class);
      assertThat(reports)
          .as("the retired entitlements are released at the next report")
          .isNotEmpty();
      AuthorizeRequest last = reports.get(reports.size() - 1);
      assertThat(reports(last, OUTBREAK)).isFalse();
      assertThat(reports(last, MALWARE)).isFalse();
      assertThat(reports(last, DLP)).isTrue();
      assertThat(f.status().entitlements())
          .extracting(AgentStatus.Entitlement::tag)
          .doesNotContain(OUTBREAK, MALWARE);
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
    }
  }

  // ---- defect 6 ------------------------------------------------------------------------------

  @Test
  void defect6_forceIsKeptOnRetry() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.server.failNext(Op.REGISTER, down());
      OperationResult first = f.agent.register("VALIDTOKEN123", true);
      assertThat(first.succeeded()).isFalse();
      f.advanceDays(1);
      List<RegisterRequest> sent = f.server.requests(RegisterRequest.class);
      assertThat(sent).hasSize(2);
      assertThat(sent.get(1).force()).isTrue();
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
    }
  }

  @Test
  void defect6_aRetryWhoseSaveFailedIsNotArmed() throws Exception {
    FaultInjectingTrustedStore store = new FaultInjectingTrustedStore(new InMemoryTrustedStore());
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.agent.enable();
      f.server.setDown(true);
      f.server.beforeAnswer(() -> store.failNextSaves(1, "No space left on device"));
      assertThatThrownBy(() -> f.agent.register("VALIDTOKEN123"))
          .hasMessageContaining("No space left on device");
      f.server.beforeAnswer(() -> {});
      f.server.setDown(false);
      List<AgentEvent> before = List.copyOf(f.events);
      f.advanceDays(1);
      assertThat(f.server.requests(RegisterRequest.class)).hasSize(1);
      assertThat(f.events).containsAll(before);
      assertThat(f.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_FAILED);
      OperationResult again = f.agent.register("VALIDTOKEN123");
      assertThat(again.succeeded()).as(again.message()).isTrue();
    }
  }

  @Test
  void defect6_aRetryWhoseStartFailsIsRetriedAgain() throws Exception {
    FaultInjectingTrustedStore store = new FaultInjectingTrustedStore(new InMemoryTrustedStore());
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.agent.enable();
      f.server.failNext(Op.REGISTER, down());
      OperationResult r = f.agent.register("VALIDTOKEN123");
      assertThat(r.nextRetry()).isPresent();
      store.failNextSaves(1, "No space left on device");
      f.advanceDays(1);
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
    }
  }

  @Test
  void defect6_requestCodeDuringARegistrationRetrySaysWhatToDo() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.enableReservation();
      f.server.failNext(Op.REGISTER, down());
      f.agent.register("VALIDTOKEN123");
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTRATION_RETRY);
      assertThatThrownBy(() -> f.agent.requestCode(ReservationType.SPECIFIC))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageNotContaining("bug in the agent")
          .hasMessageContaining("deregister");
    }
  }

  @Test
  void defect6_aFailedRegisterThatClaimsARetryRetriesThen() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.server.failNext(Op.REGISTER, down());
      OperationResult r = f.agent.register("VALIDTOKEN123");
      assertThat(r.message()).contains("while this agent runs");
      Instant at = r.nextRetry().orElseThrow();
      f.advance(Duration.between(f.time.now(), at));
      assertThat(f.server.requests(RegisterRequest.class)).hasSize(2);
    }
  }

  // ---- defect 7 ------------------------------------------------------------------------------

  @Test
  void defect7_memoryAndDiskNeverDisagreeAfterASaveThatFailedAfterTheRename() throws Exception {
    Disk disk = new Disk();
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), disk)) {
      f.agent.enable();
      disk.failAfterWrite = 1;
      try {
        f.agent.request(DLP);
      } catch (RuntimeException expected) {
        // reported either way; what matters is that memory matches the disk
      }
      long inMemory = f.status().entitlement(DLP).orElseThrow().count();
      f.restart(disk);
      assertThat(f.status().entitlement(DLP).orElseThrow().count()).isEqualTo(inMemory);
    }
  }

  // ---- defect 9 ------------------------------------------------------------------------------

  @Test
  void defect9_theLastFailureAndNextRetrySurviveARestart() throws Exception {
    Disk disk = new Disk();
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), disk)) {
      f.registeredWithFeatures();
      f.server.setDown(true);
      f.advanceDays(30);
      AgentStatus.Authorization before = f.status().authorization();
      assertThat(before.lastFailure()).isPresent();
      f.restart(disk);
      AgentStatus.Authorization after = f.status().authorization();
      assertThat(after.lastFailure()).isEqualTo(before.lastFailure());
      assertThat(after.consecutiveFailures()).isEqualTo(before.consecutiveFailures());
      assertThat(after.nextCommunicationAttempt()).isEqualTo(before.nextCommunicationAttempt());
    }
  }

  // ---- defect 10 -----------------------------------------------------------------------------

  @Test
  void defect10_aRequestReachesTheServerByItselfEvenAcrossARestart() throws Exception {
    Disk disk = new Disk();
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), disk)) {
      f.registeredWithFeatures();
      f.agent.request(OUTBREAK);
      f.restart(disk); // e.g. the command that requested it exits before the report
      f.advance(f.policy.usageReportDelay().plusSeconds(1));
      assertThat(f.server.requests(AuthorizeRequest.class)).anyMatch(r -> reports(r, OUTBREAK));
      assertThat(f.mode(OUTBREAK)).isEqualTo(EnforcementMode.AUTHORIZED);
    }
  }

  @Test
  void defect10_aRequestAfterAFailedFirstAuthorizationIsReportedByTheLoop() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.server.failNext(Op.AUTHORIZE, down());
      f.agent.register("VALIDTOKEN123");
      f.agent.request(OUTBREAK);
      f.advance(Duration.ofMinutes(5));
      assertThat(f.mode(OUTBREAK)).isEqualTo(EnforcementMode.AUTHORIZED);
    }
  }

  // ---- defect 11 -----------------------------------------------------------------------------

  @Test
  void defect11_anOperatorOperationThatWaitsBehindAnotherSaysSo() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      OperationResult r = renewBehindAnotherRenewal(f, Duration.ofMinutes(2));
      assertThat(r.succeeded()).isTrue();
      assertThat(r.message())
          .endsWith(
              "(This operation first waited 0 days 0 hr 2 min 0 sec for another licensing"
                  + " operation in progress to end.)");
    }
  }

  @Test
  void defect11_aWaitOfLessThanASecondIsNotWorthSaying() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      OperationResult r = renewBehindAnotherRenewal(f, Duration.ofMillis(999));
      assertThat(r.succeeded()).isTrue();
      assertThat(r.message()).doesNotContain("waited");
    }
  }

  /**
   * An operator renews while another renewal is on the wire for {@code held} (of the agent's
   * ticker), and gets this result.
   */
  private static OperationResult renewBehindAnotherRenewal(Fixtures f, Duration held)
      throws Exception {
    CountDownLatch onWire = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    f.server.beforeAnswer(
        () -> {
          if (Thread.currentThread().getName().equals("first")) {
            onWire.countDown();
            await(release);
          }
        });
    Thread first = new Thread(() -> f.agent.renewAuthorization(), "first");
    first.start();
    assertThat(onWire.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<OperationResult> second = new CompletableFuture<>();
    Thread waiter = new Thread(() -> second.complete(f.agent.renewAuthorization()), "second");
    waiter.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(waiter.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    f.time.advance(held);
    release.countDown();
    OperationResult r = second.get(10, TimeUnit.SECONDS);
    first.join(10_000);
    f.server.beforeAnswer(() -> {});
    return r;
  }

  // ---- defect 12 -----------------------------------------------------------------------------

  @Test
  void defect12_retryAfterCannotPushTheAuthorizationToItsDeadline() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      TransportException later = TransportException.tryAgainLater(Optional.of(Duration.ofDays(60)));
      f.server.failNext(Op.AUTHORIZE, later).failNext(Op.AUTHORIZE, later);
      f.server.failNext(Op.AUTHORIZE, later).failNext(Op.AUTHORIZE, later);
      for (int day = 0; day < 120; day++) {
        f.advanceDays(1);
        assertThat(f.status().authorization().state())
            .as("day " + day)
            .isEqualTo(AuthorizationState.AUTHORIZED);
      }
    }
  }
}
