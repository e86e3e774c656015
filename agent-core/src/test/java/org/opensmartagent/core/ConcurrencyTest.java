package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.OUTBREAK;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.transport.AuthorizeRequest;

/**
 * Many threads using the agent while its timers renew: consistent, no deadlock, and afterwards the
 * agent reports the final usage by itself. Virtual time moves in steps that no exchange spans, as a
 * real exchange takes seconds, not hours.
 */
class ConcurrencyTest {
  private static final List<EntitlementTag> FEATURES = List.of(MALWARE, DLP, OUTBREAK);

  @Test
  void requestsReleasesChecksAndRenewalsStayConsistent() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      ReentrantReadWriteLock clock = new ReentrantReadWriteLock();
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<?>> work = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int seed = t;
          work.add(
              pool.submit(
                  () -> {
                    await(start);
                    for (int i = 0; i < 300; i++) {
                      EntitlementTag tag = FEATURES.get((seed + i) % FEATURES.size());
                      if (i % 3 == 0) {
                        f.agent.release(tag);
                      } else {
                        f.agent.request(new EntitlementRequest(tag, 1 + i % 5, CountUnit.DEVICES));
                      }
                      f.agent.isAllowed(tag);
                      check(f.agent.status(), problems);
                    }
                  }));
        }
        work.add(
            pool.submit(
                () -> {
                  await(start);
                  for (int i = 0; i < 40; i++) {
                    clock.readLock().lock();
                    try {
                      OperationResult r = f.agent.renewAuthorization();
                      if (!r.succeeded()) {
                        problems.add("renewal failed: " + r);
                      }
                    } finally {
                      clock.readLock().unlock();
                    }
                    check(f.agent.status(), problems);
                  }
                }));
        work.add(
            pool.submit(
                () -> {
                  await(start);
                  for (int i = 0; i < 60; i++) {
                    clock.writeLock().lock();
                    try {
                      f.time.advance(Duration.ofHours(12)); // timers fire on this thread
                    } finally {
                      clock.writeLock().unlock();
                    }
                  }
                }));
        start.countDown();
        for (Future<?> w : work) {
          w.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(problems).isEmpty();
      // no renewal by hand: the last usage change reaches the server by itself
      f.advance(f.policy.usageReportDelay().plusSeconds(1));
      AgentStatus s = f.status();
      Map<EntitlementTag, Long> inUse = new HashMap<>();
      for (AgentStatus.Entitlement e : s.entitlements()) {
        boolean requested = e.mode() != EnforcementMode.INITIALIZED;
        assertThat(e.count() > 0).as(e.tag() + " count vs mode").isEqualTo(requested);
        if (e.count() > 0) {
          inUse.put(e.tag(), e.count());
        }
      }
      assertThat(s.authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      List<AuthorizeRequest> reports = f.server.requests(AuthorizeRequest.class);
      Map<EntitlementTag, Long> reported = new HashMap<>();
      reports.get(reports.size() - 1).usage().forEach(u -> reported.put(u.tag(), u.count()));
      assertThat(reported).as("the last usage report").isEqualTo(inUse);
    }
  }

  private static void check(AgentStatus s, ConcurrentLinkedQueue<String> problems) {
    boolean anyOoc =
        s.entitlements().stream()
            .anyMatch(
                e ->
                    e.mode() == EnforcementMode.OUT_OF_COMPLIANCE
                        || e.mode() == EnforcementMode.GRACE_PERIOD_EXPIRED);
    boolean anyInUse = s.entitlements().stream().anyMatch(e -> !e.base() && e.count() > 0);
    if (anyOoc && s.authorization().state() != AuthorizationState.OUT_OF_COMPLIANCE) {
      problems.add("OOC entitlement under " + s.authorization().state());
    }
    if (!anyInUse && s.authorization().state() != AuthorizationState.NONE) {
      problems.add("nothing in use but " + s.authorization().state());
    }
    for (AgentStatus.Entitlement e : s.entitlements()) {
      if (!e.base() && (e.count() > 0) == (e.mode() == EnforcementMode.INITIALIZED)) {
        problems.add(e.tag() + " count " + e.count() + " in mode " + e.mode());
      }
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
