package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.Cluster.MemberResult;
import org.opensmartagent.core.Cluster.MemberResult.Status;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.ScriptedTransport;
import org.opensmartagent.core.transport.TransportException;

/** Cluster-wide operations: one result per member, never stopping at the first failure. */
class ClusterTest {
  private static final Udi A = Udi.of("ESA-C170", "FCH0000000A");
  private static final Udi B = Udi.of("ESA-C170", "FCH0000000B");
  private static final Udi C = Udi.of("ESA-C170", "FCH0000000C");

  private final VirtualTime time = new VirtualTime(Fixtures.START);
  private final List<ScriptedTransport> servers = new ArrayList<>();
  private final List<SmartAgent> agents = new ArrayList<>();

  private Cluster cluster(Udi... udis) throws Exception {
    for (Udi udi : udis) {
      ScriptedTransport server = new ScriptedTransport(time.clock());
      servers.add(server);
      agents.add(
          SmartAgent.builder()
              .policy(Fixtures.defaultPolicy())
              .udi(udi)
              .transport(server)
              .store(new InMemoryTrustedStore())
              .scheduler(time)
              .clock(time.clock())
              .ticker(time.ticker())
              .build());
    }
    return Cluster.of(agents);
  }

  @AfterEach
  void close() {
    agents.forEach(SmartAgent::close);
  }

  @Test
  void enableAllEnablesEveryMemberAndAnswersInMemberOrder() throws Exception {
    Map<Udi, MemberResult> results = cluster(A, B, C).enableAll();
    assertThat(results.keySet()).containsExactly(A, B, C);
    assertThat(results.values()).allMatch(MemberResult::succeeded);
    assertThat(agents).allMatch(a -> a.status().enabled());
  }

  @Test
  void registerAllKeepsGoingPastARejectionAndACommunicationFailure() throws Exception {
    Cluster cluster = cluster(A, B, C);
    cluster.enableAll();
    servers.get(0).rejectNext(ScriptedTransport.Op.REGISTER, RejectReason.TOKEN_EXPIRED, "old");
    servers
        .get(1)
        .failNext(
            ScriptedTransport.Op.REGISTER,
            new TransportException(TransportException.Kind.CONNECTION, "refused"));
    Map<Udi, MemberResult> results = cluster.registerAll("VALIDTOKEN123");
    assertThat(results.get(A).status()).isEqualTo(Status.REJECTED);
    assertThat(results.get(B).status()).isEqualTo(Status.COMMUNICATION_FAILED);
    assertThat(results.get(C).status()).isEqualTo(Status.SUCCEEDED);
    assertThat(agents.get(2).status().registration().state())
        .isEqualTo(RegistrationState.REGISTERED);
  }

  @Test
  void registerAllBeforeEnablingSaysWhyForEachMember() throws Exception {
    Map<Udi, MemberResult> results = cluster(A, B).registerAll("VALIDTOKEN123");
    assertThat(results.values())
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.NOT_VALID_NOW))
        .allSatisfy(r -> assertThat(r.message()).isNotBlank());
  }

  @Test
  void aMalformedTokenIsBadInputOnEveryMember() throws Exception {
    Cluster cluster = cluster(A, B);
    cluster.enableAll();
    assertThat(cluster.registerAll("").values())
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.BAD_INPUT));
  }

  @Test
  void reservationIsEnabledAndDisabledOnAllButARegisteredMember() throws Exception {
    Cluster cluster = cluster(A, B);
    cluster.enableAll();
    agents.get(0).register("VALIDTOKEN123");
    Map<Udi, MemberResult> enabled = cluster.enableReservationAll();
    assertThat(enabled.get(A).status()).isEqualTo(Status.NOT_VALID_NOW);
    assertThat(enabled.get(A).message()).contains("Already registered");
    assertThat(enabled.get(B).succeeded()).isTrue();
    assertThat(agents.get(1).status().reservation().enabled()).isTrue();
    assertThat(cluster.disableReservationAll().get(B).succeeded()).isTrue();
    assertThat(agents.get(1).status().reservation().enabled()).isFalse();
  }

  @Test
  void aClusterNeedsDistinctMembers() throws Exception {
    assertThatThrownBy(() -> Cluster.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
    cluster(A);
    assertThatThrownBy(() -> Cluster.of(List.of(agents.get(0), agents.get(0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share a primary UDI");
  }
}
