package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.OUTBREAK;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads using the agent while its timers renew: consistent, no deadlock. */
class ConcurrencyTest {
  private static final List<EntitlementTag> FEATURES = List.of(MALWARE, DLP, OUTBREAK);

  @Test
  void requestsReleasesChecksAndRenewalsStayConsistent() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
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
                    f.agent.renewAuthorization();
                    check(f.agent.status(), problems);
                  }
                }));
        work.add(
            pool.submit(
                () -> {
                  await(start);
                  for (int i = 0; i < 60; i++) {
                    f.time.advance(Duration.ofHours(12)); // timers fire on this thread
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
      f.agent.renewAuthorization();
      AgentStatus s = f.status();
      for (AgentStatus.Entitlement e : s.entitlements()) {
        boolean requested = e.mode() != EnforcementMode.INITIALIZED;
        assertThat(e.count() > 0).as(e.tag() + " count vs mode").isEqualTo(requested);
      }
      assertThat(s.authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
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
