package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.OUTBREAK;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationAuthority;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReservedEntitlement;
import org.opensmartagent.core.store.InMemoryTrustedStore;

/**
 * Feature threads check, request and release while an operator registers, renews, deregisters and
 * goes through a whole reservation, and time runs: no deadlock (every wait is bounded) and every
 * status snapshot is consistent.
 */
class StressTest {
  private static final List<EntitlementTag> FEATURES = List.of(MALWARE, DLP, OUTBREAK);

  @Test
  void everythingAtOnceStaysConsistent() throws Exception {
    ReservationAuthority authority = new ReservationAuthority(Fixtures.START);
    try (Fixtures f = new Fixtures()) {
      f.agent.close();
      f.agent =
          SmartAgent.builder()
              .policy(f.policy)
              .udi(Fixtures.UDI)
              .transport(f.server)
              .pinnedRoot(authority.pinnedRoot())
              .reservationSigningChain(authority.signingChain())
              .store(new InMemoryTrustedStore())
              .scheduler(f.time)
              .clock(f.time.clock())
              .ticker(f.time.ticker())
              .build();
      f.agent.enable();
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      AtomicBoolean done = new AtomicBoolean();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> work = new ArrayList<>();
      try {
        for (int t = 0; t < 4; t++) {
          int seed = t;
          work.add(pool.submit(() -> features(f.agent, seed, start, done, problems)));
        }
        work.add(pool.submit(() -> time(f, start, done)));
        Future<?> operator = pool.submit(() -> operator(f.agent, authority, start, problems));
        start.countDown();
        operator.get(60, TimeUnit.SECONDS);
        done.set(true);
        for (Future<?> w : work) {
          w.get(30, TimeUnit.SECONDS);
        }
      } finally {
        done.set(true);
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(problems).isEmpty();
    }
  }

  private static void operator(
      SmartAgent agent,
      ReservationAuthority authority,
      CountDownLatch start,
      ConcurrentLinkedQueue<String> problems) {
    await(start);
    for (int round = 0; round < 8; round++) {
      // The time thread may move the clock past the skew tolerance while an answer is on its
      // way; the agent then refuses it as clock skew and retries. Only a rejection is wrong here.
      OperationResult r = agent.register("TOKEN" + round);
      expect(r.outcome() != OperationResult.Outcome.REJECTED, "register rejected: " + r, problems);
      // time runs on another thread: the registration may legitimately expire under us
      refusedIsFine(agent::renewAuthorization);
      refusedIsFine(agent::renewId);
      refusedIsFine(agent::deregister);
      agent.enableReservation();
      RequestCode code =
          agent.requestCode(round % 2 == 0 ? ReservationType.SPECIFIC : ReservationType.UNIVERSAL);
      agent.installAuthorizationCode(
          authority
              .authorize(
                  code,
                  Fixtures.START,
                  List.of(ReservedEntitlement.of(MALWARE, 5, LicenseTerm.perpetual())))
              .text());
      agent.returnReservation();
      agent.disableReservation();
    }
  }

  private static void features(
      SmartAgent agent,
      int seed,
      CountDownLatch start,
      AtomicBoolean done,
      ConcurrentLinkedQueue<String> problems) {
    await(start);
    int i = 0;
    while (!done.get()) {
      EntitlementTag tag = FEATURES.get((seed + i) % FEATURES.size());
      if (i % 4 == 0) {
        agent.release(tag);
      } else {
        agent.setUsage(tag, 1 + i % 3);
      }
      agent.isAllowed(tag);
      check(agent.status(), problems);
      i++;
    }
  }

  private static void time(Fixtures f, CountDownLatch start, AtomicBoolean done) {
    await(start);
    // Renewals, retries and usage reports fire on this thread; 30 days in 2-minute steps, so time
    // interleaves with the operator's work without outrunning a registration's year.
    for (int minutes = 0; minutes < 60 * 24 * 30 && !done.get(); minutes += 2) {
      f.time.advance(Duration.ofMinutes(2));
    }
  }

  /** An operation refused because the state moved on (a bounded, clear refusal) is fine. */
  private static void refusedIsFine(Runnable operation) {
    try {
      operation.run();
    } catch (IllegalStateException e) {
      if (!e.getMessage().contains("not registered")) {
        throw e;
      }
    }
  }

  /** What must hold in every snapshot, whatever the threads were doing. */
  static void check(AgentStatus s, ConcurrentLinkedQueue<String> problems) {
    boolean inUse = s.entitlements().stream().anyMatch(e -> !e.base() && e.count() > 0);
    RegistrationState r = s.registration().state();
    AuthorizationState a = s.authorization().state();
    if (!inUse
        && a != AuthorizationState.NONE
        && a != AuthorizationState.AUTHORIZED_RESERVED
        && a != AuthorizationState.AUTHORIZATION_EXPIRED) {
      problems.add("nothing in use but " + a);
    }
    if ((r == RegistrationState.REGISTERED_SLR || r == RegistrationState.REGISTERED_PLR)
        != (a == AuthorizationState.AUTHORIZED_RESERVED)) {
      problems.add(r + " with " + a);
    }
    for (AgentStatus.Entitlement e : s.entitlements()) {
      if (!e.base() && (e.count() > 0) == (e.mode() == EnforcementMode.INITIALIZED)) {
        problems.add(e.tag() + " count " + e.count() + " in mode " + e.mode());
      }
      boolean reservedMode =
          e.mode() == EnforcementMode.RESERVED_AUTHORIZED
              || e.mode() == EnforcementMode.NOT_AUTHORIZED;
      if (!e.base()
          && e.count() > 0
          && reservedMode != (a == AuthorizationState.AUTHORIZED_RESERVED)) {
        problems.add(e.tag() + " in " + e.mode() + " under " + a);
      }
    }
  }

  private static void expect(boolean ok, String what, ConcurrentLinkedQueue<String> problems) {
    if (!ok) {
      problems.add(what + " failed");
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
