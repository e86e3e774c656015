package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.Transports;

/** The real agent against the real mock license server over real HTTP(S), on every transport. */
class AgentOverHttpTest {
  private static final EntitlementTag MAIL = EntitlementTag.parse("ESA_Mail_Handling");
  private static final EntitlementTag MALWARE = EntitlementTag.parse("ESA_Anti_Malware");
  private static final ProductPolicy POLICY =
      ProductPolicy.builder()
          .productName("Email Security Appliance")
          .entitlement(EntitlementDefinition.base(MAIL.value(), "Mail Handling"))
          .entitlement(
              EntitlementDefinition.feature(MALWARE.value(), "Anti-Malware")
                  .withUnit(CountUnit.USERS))
          .build();

  private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

  private SmartAgent agent(Fixture f, TransportKind kind, TrustedStore store, String serial)
      throws Exception {
    MessageChannel channel = Transports.channel(f.server.transportSettings(kind));
    return SmartAgent.builder()
        .policy(POLICY)
        .udi(Udi.of("ESA-C170", serial))
        .channel(channel)
        .pinnedRoot(f.server.pinnedRoot())
        .store(store)
        .scheduler(f.time)
        .clock(f.time.clock())
        .ticker(f.time.ticker())
        .listener(events::add)
        .build();
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void registerAuthorizeChangeUsageRenewAndDeregister(TransportKind kind) throws Exception {
    try (Fixture f = new Fixture();
        SmartAgent agent = agent(f, kind, new InMemoryTrustedStore(), "FCH0001")) {
      f.server.admin().addLicenses("lab", LicenseGrant.perpetual(MAIL, 10));
      f.server.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 10));
      agent.enable();
      agent.request(new EntitlementRequest(MALWARE, 5, CountUnit.USERS));

      OperationResult r = agent.register(f.token);
      assertThat(r.succeeded()).as(r.message()).isTrue();
      assertThat(agent.status().registration().smartAccount()).contains("acme");
      assertThat(agent.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      assertThat(agent.status().transport()).contains(f.server.url(kind).toString());

      agent.request(new EntitlementRequest(MALWARE, 12, CountUnit.USERS));
      f.time.advance(Duration.ofSeconds(5)); // the usage report goes out
      assertThat(agent.status().entitlement(MALWARE).orElseThrow().mode())
          .isEqualTo(EnforcementMode.OUT_OF_COMPLIANCE);
      assertThat(agent.status().entitlement(MALWARE).orElseThrow().reason()).contains("12");

      f.server.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 5));
      assertThat(agent.renewAuthorization().succeeded()).isTrue();
      assertThat(agent.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);

      assertThat(agent.renewId().succeeded()).isTrue();
      assertThat(f.server.admin().instances()).hasSize(1);
      assertThat(agent.deregister().succeeded()).isTrue();
      assertThat(f.server.admin().instances()).isEmpty();
      assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.UNREGISTERED);
    }
  }

  @Test
  void tokenFailuresAreClearAndLeaveTheDeviceUnregistered() throws Exception {
    try (Fixture f = new Fixture();
        SmartAgent agent =
            agent(f, TransportKind.SMART_TRANSPORT, new InMemoryTrustedStore(), "FCH0002")) {
      agent.enable();
      String revoked = f.server.admin().createToken("lab", TokenSpec.standard("to revoke"));
      f.server.admin().revokeToken(revoked);
      expectRejected(agent.register(revoked), RejectReason.TOKEN_REVOKED);
      String once = f.server.admin().createToken("lab", new TokenSpec("one use", 1, 1, false));
      String expiring = f.server.admin().createToken("lab", new TokenSpec("a day", 1, 5, false));
      try (SmartAgent other =
          agent(f, TransportKind.SMART_TRANSPORT, new InMemoryTrustedStore(), "FCH0003")) {
        other.enable();
        assertThat(other.register(once).succeeded()).isTrue();
      }
      expectRejected(agent.register(once), RejectReason.TOKEN_USED_UP);
      f.time.advance(Duration.ofDays(2));
      expectRejected(agent.register(expiring), RejectReason.TOKEN_EXPIRED);
      expectRejected(agent.register("NoSuchToken123"), RejectReason.TOKEN_INVALID);
      assertThat(agent.status().registration().productInstanceId()).isEmpty();
    }
  }

  @Test
  void forcedReRegistrationReplacesTheInstanceOnTheServer() throws Exception {
    try (Fixture f = new Fixture();
        SmartAgent agent = agent(f, TransportKind.DIRECT, new InMemoryTrustedStore(), "FCH0004")) {
      agent.enable();
      assertThat(agent.register(f.token).succeeded()).isTrue();
      String first = agent.status().registration().productInstanceId().orElseThrow();
      assertThat(agent.register(f.token, true).succeeded()).isTrue();
      String second = agent.status().registration().productInstanceId().orElseThrow();
      assertThat(second).isNotEqualTo(first);
      assertThat(f.server.admin().instances()).extracting(InstanceInfo::id).containsExactly(second);
    }
  }

  @Test
  void aSkewedServerClockIsReportedAsClockSkew() throws Exception {
    try (Fixture f = new Fixture();
        SmartAgent agent =
            agent(f, TransportKind.SMART_TRANSPORT, new InMemoryTrustedStore(), "FCH0005")) {
      agent.enable();
      f.server.faults().clockOffset(Duration.ofHours(2));
      OperationResult r = agent.register(f.token);
      assertThat(r.message()).contains("Clock skew").contains("Fix the device clock");
      assertThat(agent.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_RETRY);
    }
  }

  @Test
  void theAgentRidesOutServerFaultsAndRecovers() throws Exception {
    try (Fixture f = new Fixture();
        SmartAgent agent =
            agent(f, TransportKind.TRANSPORT_GATEWAY, new InMemoryTrustedStore(), "FCH0006")) {
      agent.enable();
      agent.request(new EntitlementRequest(MALWARE, 1, CountUnit.USERS));
      f.server.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 1));
      assertThat(agent.register(f.token).succeeded()).isTrue();
      f.server.faults().failNext(3, 503, Duration.ofMinutes(10));
      f.server.faults().malformedNext(1);
      f.time.advance(Duration.ofDays(30)); // renewal fails, retries back off, then succeed
      f.time.advance(Duration.ofDays(1));
      assertThat(agent.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      assertThat(agent.status().authorization().consecutiveFailures()).isZero();
      assertThat(events).anyMatch(e -> e.code() == EventCode.COMM_FAILED);
      assertThat(events).anyMatch(e -> e.code() == EventCode.COMM_RESTORED);
    }
  }

  private static void expectRejected(OperationResult r, RejectReason reason) {
    assertThat(r.outcome()).as(r.message()).isEqualTo(OperationResult.Outcome.REJECTED);
    assertThat(r.rejectReason()).contains(reason);
  }
}
