package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.TransportSettings;
import org.opensmartagent.transport.Transports;

/**
 * The real agent over real HTTP against network faults: timeouts, drops, 5xx, try-again-later,
 * malformed answers, and a server that is gone for months. The agent retries with backoff, moves
 * through the right states and recovers when the server answers again. Transport-level mapping of
 * each fault is in agent-transport's {@code ChannelFailureTest}.
 */
class NetworkFaultsTest {
  private static final EntitlementTag MALWARE = EntitlementTag.parse("ESA_Anti_Malware");
  private static final ProductPolicy POLICY =
      ProductPolicy.builder()
          .productName("Email Security Appliance")
          .entitlement(EntitlementDefinition.feature(MALWARE.value(), "Anti-Malware"))
          .build();

  private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

  private SmartAgent agent(VirtualTime time, TransportSettings settings, Fixture f)
      throws Exception {
    return SmartAgent.builder()
        .policy(POLICY)
        .udi(Udi.of("ESA-C170", "FCH0100"))
        .channel(Transports.channel(settings))
        .pinnedRoot(f.server.pinnedRoot())
        .store(new InMemoryTrustedStore())
        .scheduler(time)
        .clock(time.clock())
        .ticker(time.ticker())
        .listener(events::add)
        .build();
  }

  private static TransportSettings quick(Fixture f, TransportKind kind) {
    return f.server
        .transportSettings(kind)
        .newBuilder()
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(2))
        .build();
  }

  private AuthorizationState authorization(SmartAgent agent) {
    return agent.status().authorization().state();
  }

  @Test
  void timeoutsDropsServerErrorsAndBadAnswersAreRetriedUntilTheServerAnswers() throws Exception {
    try (Fixture f = new Fixture();
        SmartAgent agent = agent(f.time, quick(f, TransportKind.SMART_TRANSPORT), f)) {
      agent.enable();
      agent.request(new EntitlementRequest(MALWARE, 1, CountUnit.DEVICES));
      f.server.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 1));
      assertThat(agent.register(f.token).succeeded()).isTrue();

      f.server.faults().latency(Duration.ofMillis(4000)); // beyond the 2 s read timeout
      assertThat(agent.renewAuthorization().message()).containsIgnoringCase("time");
      f.server.faults().clear().dropNext(1).failNext(1, 500).malformedNext(1);
      f.server.faults().tryAgainLaterNext(1, Duration.ofMinutes(30));
      f.time.advance(Duration.ofDays(30)); // due renewal and its retries, with backoff
      f.time.advance(Duration.ofDays(1));

      assertThat(f.server.faults().pending()).isZero();
      assertThat(authorization(agent)).isEqualTo(AuthorizationState.AUTHORIZED);
      assertThat(agent.status().authorization().consecutiveFailures()).isZero();
      assertThat(events).anyMatch(e -> e.code() == EventCode.COMM_FAILED);
      assertThat(events).anyMatch(e -> e.code() == EventCode.COMM_RESTORED);
    }
  }

  @Test
  void serverGoneForMonthsExpiresTheAuthorizationThenTheRegistrationAndRecovers(@TempDir Path dir)
      throws Exception {
    VirtualTime time = new VirtualTime(Fixture.START);
    Path state = dir.resolve("server.json");
    int port;
    String token;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    MockLicenseServer.Builder server =
        MockLicenseServer.builder().clock(time.clock()).stateFile(state).port(port);
    Fixture f = new Fixture(server, time);
    token = f.token;
    SmartAgent agent = agent(time, quick(f, TransportKind.DIRECT), f);
    try {
      agent.enable();
      agent.request(new EntitlementRequest(MALWARE, 1, CountUnit.DEVICES));
      f.server.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 1));
      assertThat(agent.register(token).succeeded()).isTrue();

      f.close(); // the server is gone
      time.advance(Duration.ofDays(89));
      assertThat(authorization(agent)).isEqualTo(AuthorizationState.AUTHORIZED);
      assertThat(agent.status().authorization().consecutiveFailures()).isPositive();
      time.advance(Duration.ofDays(2)); // 91 days without contact
      assertThat(authorization(agent)).isEqualTo(AuthorizationState.AUTHORIZATION_EXPIRED);

      f = new Fixture(server, time, false); // back, same state, same port
      time.advance(Duration.ofDays(1)); // the next retry reaches it
      assertThat(authorization(agent)).isEqualTo(AuthorizationState.AUTHORIZED);
      assertThat(events).anyMatch(e -> e.code() == EventCode.COMM_RESTORED);

      f.close(); // gone again, now for more than a year
      time.advance(Duration.ofDays(366));
      assertThat(agent.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_EXPIRED);
      assertThat(events).anyMatch(e -> e.code() == EventCode.REGISTRATION_EXPIRED);

      f = new Fixture(server, time, false);
      String fresh = f.server.admin().createToken("lab", TokenSpec.standard("after a year"));
      assertThat(agent.register(fresh, true).succeeded()).isTrue();
      assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
      assertThat(authorization(agent)).isEqualTo(AuthorizationState.AUTHORIZED);
    } finally {
      agent.close();
      f.close();
    }
  }

  @Test
  void theAgentStartsAndAnswersFeatureChecksWithNoNetworkAtAll() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    } // nothing listens there any more
    VirtualTime time = new VirtualTime(Fixture.START);
    TransportSettings nowhere =
        new TransportSettings.Builder()
            .kind(TransportKind.DIRECT)
            .url("http://127.0.0.1:" + closedPort + "/licservice/api/v1")
            .connectTimeout(Duration.ofMillis(500))
            .readTimeout(Duration.ofMillis(500))
            .build();
    try (SmartAgent agent =
        SmartAgent.builder()
            .policy(POLICY)
            .udi(Udi.of("ESA-C170", "FCH0101"))
            .channel(Transports.channel(nowhere))
            .pinnedRoot(MockLicenseServer.builder().clock(time.clock()).build().pinnedRoot())
            .store(new InMemoryTrustedStore())
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .build()) {
      agent.enable();
      agent.request(new EntitlementRequest(MALWARE, 1, CountUnit.DEVICES));
      assertThat(agent.isAllowed(MALWARE)).isTrue();
      assertThat(authorization(agent)).isEqualTo(AuthorizationState.EVALUATION);
      assertThat(agent.register("VALIDTOKEN123").succeeded()).isFalse();
      assertThat(agent.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_RETRY);
      assertThat(agent.isAllowed(MALWARE)).isTrue();
    }
  }
}
