package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.OUTBREAK;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.internal.AgentStoreException;
import org.opensmartagent.core.store.FaultInjectingTrustedStore;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.ScriptedTransport.Op;
import org.opensmartagent.core.transport.TransportException;

/**
 * The license server says it does not know this product instance: it was removed from the virtual
 * account, or a forced registration replaced it and its answer never reached the device (field
 * simulation seed 100). A real device then falls back to unregistered and evaluation with the days
 * that remain, and must be registered again; the agent does the same, says so in an event and in
 * the status, and keeps the usage the firmware asked for.
 */
@Timeout(30)
class InstanceUnknownTest {

  private static void unregisteredAndTold(Fixtures f, String removedId) {
    AgentStatus s = f.status();
    assertThat(s.registration().state()).isEqualTo(RegistrationState.UNREGISTERED);
    assertThat(s.registration().productInstanceId()).isEmpty();
    assertThat(s.registration().lastFailure())
        .hasValueSatisfying(
            m -> assertThat(m).contains(removedId).contains("Register the product again"));
    assertThat(f.events(EventCode.REGISTRATION_REMOVED))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains(removedId).contains("register"));
    // nothing lost: the usage the firmware asked for stays, counted by evaluation
    assertThat(s.entitlement(MALWARE).orElseThrow().count()).isEqualTo(1);
    assertThat(s.authorization().state()).isEqualTo(AuthorizationState.EVALUATION);
    assertThat(s.evaluation().counting()).isTrue();
  }

  @Test
  void anAuthorizationRenewalForAnUnknownInstanceUnregistersAndSaysToRegisterAgain()
      throws Exception {
    NeverSilentTest.Disk disk = new NeverSilentTest.Disk();
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), disk)) {
      f.registeredWithFeatures();
      String id = f.status().registration().productInstanceId().orElseThrow();
      f.server.rejectNext(Op.AUTHORIZE, RejectReason.INSTANCE_UNKNOWN, "not registered here");
      OperationResult r = f.agent.renewAuthorization();
      assertThat(r.succeeded()).isFalse();
      assertThat(r.rejectReason()).contains(RejectReason.INSTANCE_UNKNOWN);
      assertThat(r.message()).contains(id).contains("Register the product again");
      unregisteredAndTold(f, id);

      f.restart(disk); // stored as it shows
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.UNREGISTERED);
      assertThat(f.status().registration().lastFailure()).isPresent();

      OperationResult again = f.agent.register("VALIDTOKEN123");
      assertThat(again.succeeded()).as(again.toString()).isTrue();
      assertThat(f.status().registration().lastFailure()).isEmpty();
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      java.util.List<AuthorizeRequest> sent = f.server.requests(AuthorizeRequest.class);
      AuthorizeRequest last = sent.get(sent.size() - 1);
      assertThat(last.usage()).anyMatch(u -> u.tag().equals(MALWARE));
      assertThat(last.usage()).anyMatch(u -> u.tag().equals(DLP));
    }
  }

  @Test
  void anIdRenewalForAnUnknownInstanceUnregistersToo() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      String id = f.status().registration().productInstanceId().orElseThrow();
      f.server.rejectNext(Op.RENEW_ID, RejectReason.INSTANCE_UNKNOWN, "not registered here");
      OperationResult r = f.agent.renewId();
      assertThat(r.succeeded()).isFalse();
      unregisteredAndTold(f, id);
    }
  }

  @Test
  void aScheduledUsageReportThatFindsTheInstanceUnknownIsNotSilent() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      String id = f.status().registration().productInstanceId().orElseThrow();
      f.server.rejectNext(Op.AUTHORIZE, RejectReason.INSTANCE_UNKNOWN, "not registered here");
      f.agent.request(OUTBREAK);
      f.advance(f.policy.usageReportDelay().plusSeconds(1));
      unregisteredAndTold(f, id);
      assertThat(f.status().entitlement(OUTBREAK).orElseThrow().count()).isEqualTo(1);
    }
  }

  /**
   * Seed 100: a forced registration whose answer is lost (here: refused for clock skew, or a
   * dropped connection) may have replaced the instance on the server. The old registration is kept,
   * but the agent checks with the server soon instead of at the next regular renewal.
   */
  @Test
  void aForcedRegisterWithoutAUsableAnswerIsCheckedSoonAndAReplacedInstanceIsReported()
      throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      String id = f.status().registration().productInstanceId().orElseThrow();
      f.server.failNext(
          Op.REGISTER,
          new TransportException(TransportException.Kind.CONNECTION, "connection reset"));
      OperationResult r = f.agent.register("VALIDTOKEN123", true);
      assertThat(r.succeeded()).isFalse();
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
      assertThat(f.events(EventCode.AGENT_REG_FAILED))
          .last()
          .satisfies(e -> assertThat(e.message()).contains("may have replaced"));
      checkedAtTheNextUsageReport(f, id);
    }
  }

  /**
   * Seed 42582 of the long run: the same when the forced registration's answer arrived but could
   * not be saved (the disk refused it). The server has replaced the instance; the device, which can
   * keep only what is on its disk, keeps the old one, and checks soon.
   */
  @Test
  void aForcedRegisterWhoseAnswerCannotBeSavedIsCheckedSoon() throws Exception {
    FaultInjectingTrustedStore disk = new FaultInjectingTrustedStore(new InMemoryTrustedStore());
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), disk)) {
      f.registeredWithFeatures();
      String id = f.status().registration().productInstanceId().orElseThrow();
      forcedRegisterWhoseAnswerTheDiskRefuses(f, disk);
      assertThat(f.status().registration().productInstanceId()).contains(id);
      assertThat(f.events(EventCode.AGENT_REG_FAILED))
          .last()
          .satisfies(
              e -> assertThat(e.message()).contains("could not be saved", "may have replaced"));
      checkedAtTheNextUsageReport(f, id);
    }
  }

  @Test
  void aForcedFirstRegistrationThatCannotBeSavedHasNoOldInstanceToCheck() throws Exception {
    FaultInjectingTrustedStore disk = new FaultInjectingTrustedStore(new InMemoryTrustedStore());
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), disk)) {
      f.agent.enable();
      forcedRegisterWhoseAnswerTheDiskRefuses(f, disk);
      assertThat(f.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_FAILED);
      assertThat(f.events(EventCode.AGENT_REG_FAILED))
          .last()
          .satisfies(
              e ->
                  assertThat(e.message())
                      .contains("could not be saved")
                      .doesNotContain("may have replaced"));
    }
  }

  private static void forcedRegisterWhoseAnswerTheDiskRefuses(
      Fixtures f, FaultInjectingTrustedStore disk) {
    f.server.beforeAnswer(() -> disk.failNextSaves(1, "No space left on device"));
    assertThatThrownBy(() -> f.agent.register("VALIDTOKEN123", true))
        .isInstanceOf(AgentStoreException.class);
    f.server.beforeAnswer(() -> {});
  }

  /** The server no longer knows {@code id}: the agent asks after the report-on-change delay. */
  private static void checkedAtTheNextUsageReport(Fixtures f, String id) {
    f.server.rejectNext(Op.AUTHORIZE, RejectReason.INSTANCE_UNKNOWN, "not registered here");
    int authorizations = f.server.requests(AuthorizeRequest.class).size();
    f.advance(f.policy.usageReportDelay().plus(Duration.ofSeconds(1)));
    assertThat(f.server.requests(AuthorizeRequest.class)).hasSize(authorizations + 1);
    unregisteredAndTold(f, id);
  }

  @Test
  void otherRefusalsKeepTheRegistration() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.rejectNext(Op.AUTHORIZE, RejectReason.OTHER, "maintenance");
      f.agent.renewAuthorization();
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
      assertThat(f.events(EventCode.REGISTRATION_REMOVED)).isEmpty();
    }
  }
}
