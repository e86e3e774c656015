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
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationAuthority;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReservedEntitlement;
import org.opensmartagent.core.store.InMemoryTrustedStore;

/**
 * Feature threads check, request and release while an operator registers, renews, deregisters and
 * goes through a whole reservation, and time runs: no deadlock (every wait is bounded), every
 * operation succeeds and every status snapshot is consistent. Virtual time moves in two-minute
 * steps that no exchange spans (a real exchange takes seconds), so an answer is never stale.
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
      ReentrantReadWriteLock clock = new ReentrantReadWriteLock();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> work = new ArrayList<>();
      try {
        for (int t = 0; t < 4; t++) {
          int seed = t;
          work.add(pool.submit(() -> features(f.agent, seed, start, done, problems)));
        }
        work.add(pool.submit(() -> time(f, clock, start, done)));
        Future<?> operator =
            pool.submit(() -> operator(f.agent, authority, clock, start, problems));
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
      ReentrantReadWriteLock clock,
      CountDownLatch start,
      ConcurrentLinkedQueue<String> problems) {
    await(start);
    for (int round = 0; round < 8; round++) {
      String token = "TOKEN" + round;
      succeeds("register", () -> agent.register(token), clock, problems);
      succeeds("renew_auth", agent::renewAuthorization, clock, problems);
      succeeds("renew_id", agent::renewId, clock, problems);
      succeeds("deregister", agent::deregister, clock, problems);
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

  private static void time(
      Fixtures f, ReentrantReadWriteLock clock, CountDownLatch start, AtomicBoolean done) {
    await(start);
    // Renewals, retries and usage reports fire on this thread; 30 days in 2-minute steps, so time
    // interleaves with the operator's work without outrunning a registration's year.
    for (int minutes = 0; minutes < 60 * 24 * 30 && !done.get(); minutes += 2) {
      clock.writeLock().lock();
      try {
        f.time.advance(Duration.ofMinutes(2));
      } finally {
        clock.writeLock().unlock();
      }
    }
  }

  /** Runs an operator operation while time holds still; it must succeed. */
  private static void succeeds(
      String name,
      Supplier<OperationResult> operation,
      ReentrantReadWriteLock clock,
      ConcurrentLinkedQueue<String> problems) {
    clock.readLock().lock();
    try {
      OperationResult r = operation.get();
      expect(r.succeeded(), name + ": " + r, problems);
    } finally {
      clock.readLock().unlock();
    }
  }

  /** What must hold in every snapshot, whatever the threads were doing. */
  static void check(AgentStatus s, ConcurrentLinkedQueue<String> problems) {
    boolean inUse = s.entitlements().stream().anyMatch(e -> !e.base() && e.count() > 0);
    RegistrationState r = s.registration().state();
    AuthorizationState a = s.authorization().state();
    if (!inUse && a != AuthorizationState.NONE && a != AuthorizationState.AUTHORIZED_RESERVED) {
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
