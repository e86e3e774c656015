package org.opensmartagent.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.Fixtures;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;

/**
 * A firmware's {@link MessageChannel} that ignores the agent's deadline is held to it: the agent
 * gives up with a timeout, its operation lock is free again, and no thread is started per stuck
 * call beyond a few.
 */
@Timeout(30)
class BoundedChannelTest {
  private static final Duration SHORT = Duration.ofMillis(200);
  private static final SignedMessage REQUEST =
      new SignedMessage(MessageType.AUTHORIZE_REQUEST, "1.0", new byte[1], new byte[1], List.of());

  /** Ignores the deadline and interrupts while {@link #hang} is armed; else asks {@code next}. */
  static final class HangingChannel implements MessageChannel {
    final MessageChannel next;
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger entered = new AtomicInteger();
    volatile boolean hang;
    volatile String lastThread = "";

    HangingChannel(MessageChannel next) {
      this.next = next;
    }

    @Override
    public SignedMessage exchange(SignedMessage request) throws TransportException {
      entered.incrementAndGet();
      lastThread = Thread.currentThread().getName();
      while (hang && release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException ignoredLikeABadChannelDoes) {
          // keeps waiting
        }
      }
      return next.exchange(request);
    }

    @Override
    public String description() {
      return "hanging test channel";
    }
  }

  private static final MessageChannel ECHO =
      new MessageChannel() {
        @Override
        public SignedMessage exchange(SignedMessage request) {
          return request;
        }

        @Override
        public String description() {
          return "echo";
        }
      };

  @Test
  void aChannelThatIgnoresTheDeadlineIsGivenUpOnWithATimeout() throws Exception {
    HangingChannel hanging = new HangingChannel(ECHO);
    hanging.hang = true;
    try (BoundedChannel bounded = new BoundedChannel(hanging, SHORT)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> bounded.exchange(REQUEST, Duration.ofSeconds(60)))
          .isInstanceOfSatisfying(
              TransportException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMEOUT);
                assertThat(e.getMessage()).contains("hanging test channel").contains("gave up");
              });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      // the stuck calls are bounded: after MAX_CALLS of them a new exchange fails at once
      for (int i = 1; i < BoundedChannel.MAX_CALLS; i++) {
        assertThatThrownBy(() -> bounded.exchange(REQUEST, Duration.ofSeconds(60)))
            .isInstanceOf(TransportException.class);
      }
      assertThatThrownBy(() -> bounded.exchange(REQUEST, Duration.ofSeconds(60)))
          .hasMessageContaining("never returned");
      assertThat(hanging.entered).hasValue(BoundedChannel.MAX_CALLS);
      hanging.release.countDown();
    }
  }

  @Test
  void aChannelThatAnswersOrFailsItselfIsPassedThrough() throws Exception {
    try (BoundedChannel bounded = new BoundedChannel(ECHO, SHORT)) {
      assertThat(bounded.exchange(REQUEST, Duration.ofSeconds(60))).isSameAs(REQUEST);
    }
    MessageChannel failing =
        new MessageChannel() {
          @Override
          public SignedMessage exchange(SignedMessage request) throws TransportException {
            throw new TransportException(TransportException.Kind.CONNECTION, "refused");
          }

          @Override
          public String description() {
            return "failing";
          }
        };
    try (BoundedChannel bounded = new BoundedChannel(failing, SHORT)) {
      assertThatThrownBy(() -> bounded.exchange(REQUEST, Duration.ofSeconds(60)))
          .isInstanceOfSatisfying(
              TransportException.class,
              e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION));
    }
  }

  @Test
  void closeEndsTheExchangeThreads() throws Exception {
    BoundedChannel bounded = new BoundedChannel(ECHO, SHORT);
    bounded.exchange(REQUEST, Duration.ofSeconds(60));
    Thread worker =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("smart-agent-exchange-"))
            .filter(Thread::isAlive)
            .reduce((a, b) -> a.getId() > b.getId() ? a : b)
            .orElseThrow();
    bounded.close();
    worker.join(TimeUnit.SECONDS.toMillis(5));
    assertThat(worker.isAlive()).isFalse();
  }

  /** The agent over a hanging channel: the renewal times out, and the next operation runs. */
  @Test
  void theAgentGivesUpOnAHangingChannelAndItsNextOperationRuns() throws Exception {
    VirtualTime time = new VirtualTime(Fixtures.START);
    SigningServer server = new SigningServer(time.clock(), LicensingEnvironment.PRODUCTION);
    HangingChannel hanging = new HangingChannel(server);
    try (SmartAgent agent =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(Fixtures.UDI)
            .channel(new BoundedChannel(hanging, Duration.ofSeconds(3))) // registering is slow
            .pinnedRoot(server.pinnedRoot(LicensingEnvironment.PRODUCTION))
            .store(new InMemoryTrustedStore())
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .build()) {
      agent.enable();
      agent.request(Fixtures.DLP);
      OperationResult registered = agent.register("TOKEN1");
      assertThat(registered.succeeded()).as(registered.message()).isTrue();
      hanging.hang = true;
      OperationResult stuck = agent.renewAuthorization();
      assertThat(stuck.outcome()).isEqualTo(OperationResult.Outcome.COMMUNICATION_FAILED);
      assertThat(stuck.message()).contains("gave up");
      assertThat(agent.status().authorization().consecutiveFailures()).isEqualTo(1);
      hanging.release.countDown();
      hanging.hang = false;
      OperationResult next = agent.renewAuthorization(); // the lock was released
      assertThat(next.succeeded()).as(next.message()).isTrue();
      assertThat(agent.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
    }
  }

  /** The agent's builder bounds the firmware's channel itself: exchanges run on its threads. */
  @Test
  void theAgentBoundsTheChannelItIsGiven() throws Exception {
    VirtualTime time = new VirtualTime(Fixtures.START);
    SigningServer server = new SigningServer(time.clock(), LicensingEnvironment.PRODUCTION);
    HangingChannel plain = new HangingChannel(server);
    try (SmartAgent agent =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(Fixtures.UDI)
            .channel(plain)
            .pinnedRoot(server.pinnedRoot(LicensingEnvironment.PRODUCTION))
            .store(new InMemoryTrustedStore())
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .build()) {
      agent.enable();
      OperationResult registered = agent.register("TOKEN1");
      assertThat(registered.succeeded()).as(registered.message()).isTrue();
      assertThat(plain.lastThread).startsWith("smart-agent-exchange-");
    }
  }
}
