package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.OUTBREAK;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.AuthorizeResponse;
import org.opensmartagent.core.transport.DeregisterRequest;
import org.opensmartagent.core.transport.DeregisterResponse;
import org.opensmartagent.core.transport.LicensingTransport;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.RenewIdRequest;
import org.opensmartagent.core.transport.RenewIdResponse;
import org.opensmartagent.core.transport.ScriptedTransport;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.core.transport.TransportException;

/**
 * Real threads for a bounded time: the agent's own daemon scheduler, firmware threads changing
 * usage, an operator renewing the ID certificate and sometimes the authorization, and a transport
 * that takes its time to answer. The timer-driven renewals keep their cadence throughout and after,
 * and the last usage reaches the server by itself.
 */
class RealThreadSoakTest {
  private static final Duration CADENCE = Duration.ofMillis(150);
  private static final Duration LATENCY = Duration.ofMillis(15);
  private static final Duration RUN = Duration.ofSeconds(3);
  private static final List<EntitlementTag> FEATURES = List.of(MALWARE, DLP, OUTBREAK);

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void timerRenewalsKeepTheirCadenceUnderLoad() throws Exception {
    ProductPolicy policy =
        Fixtures.defaultPolicy()
            .newBuilder()
            .authorizationRenewal(CADENCE)
            .communicationDeadline(Duration.ofSeconds(30))
            .usageReportDelay(Duration.ofMillis(20))
            .retry(Duration.ofMillis(20), Duration.ofMillis(200))
            .checkpointInterval(Duration.ofMillis(500))
            .build();
    ScriptedTransport server = new ScriptedTransport(Clock.systemUTC());
    List<Long> timerRenewals = new ArrayList<>(); // System.nanoTime() of each, guarded by itself
    Semaphore renewed = new Semaphore(0);
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AgentListener listener =
        e -> {
          if (e.code() == EventCode.AUTH_RENEW_SUCCESS
              && Thread.currentThread().getName().startsWith("smart-agent")) {
            synchronized (timerRenewals) {
              timerRenewals.add(System.nanoTime());
            }
            renewed.release();
          }
        };
    try (SmartAgent agent =
        SmartAgent.builder() // no scheduler, clock or ticker given: the real ones
            .policy(policy)
            .udi(Fixtures.UDI)
            .transport(new Slow(server))
            .store(new InMemoryTrustedStore())
            .listener(listener)
            .build()) {
      agent.enable();
      agent.request(MALWARE);
      assertThat(agent.register("VALIDTOKEN123").succeeded()).isTrue();

      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger manual = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> work = new ArrayList<>();
      long began = System.nanoTime();
      try {
        for (int t = 0; t < 3; t++) {
          int seed = t;
          work.add(pool.submit(() -> firmware(agent, seed, start, done)));
        }
        work.add(pool.submit(() -> operator(agent, start, done, manual, problems)));
        start.countDown();
        long end = began + RUN.toNanos();
        // the test thread's bounded wait: one renewal at a time, each within a generous bound
        while (System.nanoTime() < end) {
          assertThat(renewed.tryAcquire(2, TimeUnit.SECONDS))
              .as("a timer-driven renewal within 2 s, at a 150 ms cadence")
              .isTrue();
        }
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
      long stormRenewals;
      synchronized (timerRenewals) {
        stormRenewals = timerRenewals.size();
      }
      assertThat(stormRenewals)
          .as("timer renewals in %s at a %s cadence (%d manual ones)", RUN, CADENCE, manual.get())
          .isGreaterThanOrEqualTo(RUN.toMillis() / CADENCE.toMillis() / 4);

      // after the storm: renewals go on by themselves, and the last usage is what was reported.
      // One feature in use for certain: the firmware threads may have ended with every feature
      // released, and with nothing in use the state is rightly NONE ("No Licenses in Use").
      agent.setUsage(MALWARE, 2);
      renewed.drainPermits();
      assertThat(renewed.tryAcquire(3, 5, TimeUnit.SECONDS))
          .as("three more timer renewals after the threads stopped")
          .isTrue();
      Map<EntitlementTag, Long> inUse = new HashMap<>();
      agent.status().entitlements().stream()
          .filter(e -> e.count() > 0)
          .forEach(e -> inUse.put(e.tag(), e.count()));
      List<AuthorizeRequest> reports = server.requests(AuthorizeRequest.class);
      Map<EntitlementTag, Long> reported = new HashMap<>();
      reports.get(reports.size() - 1).usage().forEach(u -> reported.put(u.tag(), u.count()));
      assertThat(reported).isEqualTo(inUse);
      assertThat(agent.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
    }
  }

  private static void firmware(
      SmartAgent agent, int seed, CountDownLatch start, AtomicBoolean done) {
    await(start);
    for (int i = 0; !done.get(); i++) {
      EntitlementTag tag = FEATURES.get((seed + i) % FEATURES.size());
      if (i % 5 == 0) {
        agent.release(tag);
      } else {
        agent.setUsage(tag, 1 + (i + seed) % 4);
      }
      agent.isAllowed(tag);
      agent.status();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // firmware paces its changes
    }
  }

  private static void operator(
      SmartAgent agent,
      CountDownLatch start,
      AtomicBoolean done,
      AtomicInteger manual,
      ConcurrentLinkedQueue<String> problems) {
    await(start);
    for (int i = 0; !done.get(); i++) {
      OperationResult r = i % 4 == 0 ? agent.renewAuthorization() : agent.renewId();
      if (!r.succeeded()) {
        problems.add("operator: " + r);
      }
      if (i % 4 == 0) {
        manual.incrementAndGet();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // an operator is not a loop
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every answer takes {@link #LATENCY}, as over a slow link. */
  private record Slow(LicensingTransport delegate) implements LicensingTransport {
    private static void lag() {
      LockSupport.parkNanos(LATENCY.toNanos());
    }

    @Override
    public ServerReply<RegisterResponse> register(RegisterRequest r) throws TransportException {
      lag();
      return delegate.register(r);
    }

    @Override
    public ServerReply<AuthorizeResponse> authorize(AuthorizeRequest r) throws TransportException {
      lag();
      return delegate.authorize(r);
    }

    @Override
    public ServerReply<RenewIdResponse> renewId(RenewIdRequest r) throws TransportException {
      lag();
      return delegate.renewId(r);
    }

    @Override
    public ServerReply<DeregisterResponse> deregister(DeregisterRequest r)
        throws TransportException {
      lag();
      return delegate.deregister(r);
    }

    @Override
    public String description() {
      return "slow " + delegate.description();
    }
  }
}
