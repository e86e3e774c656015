package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.transport.ScriptedTransport;

/** Building, listeners, gates and closing. */
class AgentLifecycleTest {

  @Test
  void theBuilderNamesWhatIsMissing() {
    assertThatThrownBy(() -> SmartAgent.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("policy is missing");
    assertThatThrownBy(
            () ->
                SmartAgent.builder()
                    .policy(Fixtures.defaultPolicy())
                    .transport(new ScriptedTransport(java.time.Clock.systemUTC()))
                    .store(new InMemoryTrustedStore())
                    .build())
        .hasMessageContaining("udi is missing");
  }

  @Test
  void aThrowingListenerNeverReachesTheAgent() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.close();
      f.agent =
          SmartAgent.builder()
              .policy(f.policy)
              .udi(Fixtures.UDI)
              .transport(f.server)
              .store(new InMemoryTrustedStore())
              .scheduler(f.time)
              .clock(f.time.clock())
              .listener(
                  e -> {
                    throw new IllegalStateException("listener bug");
                  })
              .build();
      f.agent.enable();
      f.agent.request(Fixtures.DLP);
      assertThat(f.mode(Fixtures.DLP)).isEqualTo(EnforcementMode.EVALUATION);
    }
  }

  @Test
  void aFeatureGateFollowsTheEntitlement() throws Exception {
    try (Fixtures f = new Fixtures()) {
      FeatureGate gate = f.agent.feature(Fixtures.MALWARE);
      assertThat(gate.isAllowed()).as("smart licensing not enabled: not enforced").isTrue();
      f.agent.enable();
      assertThat(gate.isAllowed()).as("enabled, not requested, deny-when-expired").isFalse();
      f.agent.request(Fixtures.MALWARE);
      assertThat(gate.isAllowed()).isTrue();
      f.advanceDays(90);
      assertThat(gate.isAllowed()).isFalse();
      assertThatThrownBy(() -> f.agent.feature(EntitlementTag.parse("Nope")))
          .hasMessageContaining("declared entitlements");
    }
  }

  @Test
  void setUsageRequestsInTheDeclaredUnitAndReleasesAtZero() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.setUsage(Fixtures.DLP, 3);
      assertThat(f.status().entitlement(Fixtures.DLP).orElseThrow().count()).isEqualTo(3);
      assertThat(f.mode(Fixtures.DLP)).isEqualTo(EnforcementMode.EVALUATION);
      f.agent.setUsage(Fixtures.DLP, 0);
      assertThat(f.mode(Fixtures.DLP)).isEqualTo(EnforcementMode.INITIALIZED);
      assertThatThrownBy(() -> f.agent.setUsage(Fixtures.DLP, -1)).hasMessageContaining("negative");
    }
  }

  @Test
  void theMenuFollowsTheState() throws Exception {
    try (Fixtures f = new Fixtures()) {
      assertThat(f.status().allowedOperations()).contains(AgentStatus.Operation.ENABLE);
      f.agent.enable();
      assertThat(f.status().allowedOperations())
          .contains(AgentStatus.Operation.REGISTER, AgentStatus.Operation.URL)
          .doesNotContain(AgentStatus.Operation.DEREGISTER);
      f.agent.register("TOKEN1");
      assertThat(f.status().allowedOperations())
          .contains(
              AgentStatus.Operation.DEREGISTER,
              AgentStatus.Operation.RENEW_AUTH,
              AgentStatus.Operation.RENEW_ID,
              AgentStatus.Operation.REQUEST_LICENSE,
              AgentStatus.Operation.URL)
          .doesNotContain(AgentStatus.Operation.REGISTER);
      assertThatThrownBy(f.agent::requireTransportSettingsEditable)
          .hasMessageContaining("Please deregister product to edit transport settings");
    }
  }

  @Test
  void closeStopsTimersAndRefusesFurtherChanges() throws Exception {
    Fixtures f = new Fixtures();
    f.agent.enable();
    f.agent.request(Fixtures.DLP);
    assertThat(f.time.pendingTasks()).isEqualTo(1);
    f.agent.close();
    assertThat(f.time.pendingTasks()).isZero();
    f.advance(Duration.ofDays(100));
    assertThatThrownBy(() -> f.agent.request(Fixtures.MALWARE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void anAgentWithItsOwnSchedulerLeavesNoThreadBehind() throws Exception {
    long before = threads();
    SmartAgent agent =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(Fixtures.UDI)
            .transport(new ScriptedTransport(java.time.Clock.systemUTC()))
            .store(new InMemoryTrustedStore())
            .build();
    agent.enable();
    assertThat(threads()).isEqualTo(before + 1);
    List<Thread> mine =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("smart-agent"))
            .toList();
    agent.close();
    for (Thread t : mine) {
      t.join(10_000);
    }
    assertThat(threads()).isEqualTo(before);
  }

  private static long threads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("smart-agent") && t.isAlive())
        .count();
  }
}
