package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.Fixtures.DLP;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.identity.Csr;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.ScriptedTransport.Op;
import org.opensmartagent.core.transport.TransportException;

/** Registration: success, every failure class, retries, force and deregistration. */
class RegistrationTest {

  @Test
  void registrationSendsACsrNamingTheUdiAndNeverStoresTheToken() throws Exception {
    InMemoryTrustedStore store = new InMemoryTrustedStore();
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.agent.enable();
      f.agent.register("SECRET-TOKEN-42");
      RegisterRequest sent = f.server.requests(RegisterRequest.class).get(0);
      assertThat(Csr.parse(sent.csr()).subjectUdi()).isEqualTo(Fixtures.UDI.toString());
      assertThat(sent.toString()).doesNotContain("SECRET-TOKEN-42");
      assertThat(new String(store.load().payload(), java.nio.charset.StandardCharsets.ISO_8859_1))
          .doesNotContain("SECRET-TOKEN-42");
      assertThat(f.events).noneMatch(e -> e.toString().contains("SECRET-TOKEN-42"));
      assertThat(f.status().toString()).doesNotContain("SECRET-TOKEN-42");
    }
  }

  @Test
  void exportControlIsTakenFromTheToken() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.register("EXPORT-OK-1");
      assertThat(f.status().registration().exportControlled()).isTrue();
      assertThat(f.events(EventCode.EXPORT_CONTROLLED).get(0).message()).contains("ALLOWED");
    }
  }

  @Test
  void aRejectedRegistrationFailsWithTheReasonAndLeavesTheStoreUnchanged() throws Exception {
    InMemoryTrustedStore store = new InMemoryTrustedStore();
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.agent.enable();
      f.agent.request(DLP);
      byte[] before = store.load().payload();
      for (RejectReason reason :
          new RejectReason[] {
            RejectReason.TOKEN_INVALID, RejectReason.TOKEN_EXPIRED,
            RejectReason.TOKEN_REVOKED, RejectReason.TOKEN_USED_UP
          }) {
        f.server.rejectNext(Op.REGISTER, reason, "token says no");
        OperationResult r = f.agent.register("TOKEN1");
        assertThat(r.outcome()).isEqualTo(OperationResult.Outcome.REJECTED);
        assertThat(r.rejectReason()).contains(reason);
        assertThat(r.message()).contains("token says no").contains(reason.advice());
        assertThat(f.status().registration().state())
            .isEqualTo(RegistrationState.REGISTRATION_FAILED);
        assertThat(f.status().registration().lastFailure()).isPresent();
      }
      assertThat(StoredState.registration(store)).isEqualTo(RegistrationState.UNREGISTERED);
      assertThat(StoredState.registration(before)).isEqualTo(RegistrationState.UNREGISTERED);
      assertThat(f.agent.register("TOKEN2").succeeded()).isTrue();
    }
  }

  @Test
  void anUnreachableServerIsRetriedWithTheTokenKeptOnlyInMemory() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.server.failNext(
          Op.REGISTER, new TransportException(TransportException.Kind.TIMEOUT, "timed out"));
      OperationResult r = f.agent.register("TOKEN1");
      assertThat(r.outcome()).isEqualTo(OperationResult.Outcome.COMMUNICATION_FAILED);
      assertThat(r.nextRetry()).isPresent();
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTRATION_RETRY);
      assertThat(f.status().authorization().nextCommunicationAttempt()).isEqualTo(r.nextRetry());
      f.time.advanceTo(r.nextRetry().get());
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
      assertThat(f.server.requests(RegisterRequest.class)).hasSize(2);
    }
  }

  @Test
  void registrationGivesUpAfterTheConfiguredAttempts() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.server.setDown(true);
      f.agent.register("TOKEN1");
      f.advanceDays(2);
      assertThat(f.server.requests(RegisterRequest.class)).hasSize(5);
      assertThat(f.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_FAILED);
      assertThat(f.events(EventCode.AGENT_REG_FAILED)).hasSize(1);
    }
  }

  @Test
  void aWrongNonceOrASkewedServerClockIsNotTrusted() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.server.echoWrongNonce(true);
      OperationResult r = f.agent.register("TOKEN1");
      assertThat(r.outcome()).isEqualTo(OperationResult.Outcome.COMMUNICATION_FAILED);
      assertThat(r.message()).contains("nonce");
      assertThat(f.status().registration().productInstanceId()).isEmpty();

      f.server.echoWrongNonce(false);
      f.server.setServerClockOffset(Duration.ofMinutes(7));
      OperationResult skew = f.agent.register("TOKEN1");
      assertThat(skew.message())
          .contains("Clock skew")
          .contains(f.time.now().toString())
          .contains(f.time.now().plus(Duration.ofMinutes(7)).toString())
          .contains("Fix the device clock");
      assertThat(f.status().registration().productInstanceId()).isEmpty();
    }
  }

  @Test
  void operationsInTheWrongStateAreRefusedClearly() throws Exception {
    try (Fixtures f = new Fixtures()) {
      assertThatThrownBy(() -> f.agent.register("TOKEN1"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not enabled");
      f.agent.enable();
      assertThatThrownBy(f.agent::renewAuthorization)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not registered");
      assertThatThrownBy(f.agent::renewId).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(f.agent::deregister)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Cannot deregister");
      f.agent.register("TOKEN1");
      assertThatThrownBy(() -> f.agent.register("TOKEN1"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already registered")
          .hasMessageContaining("force");
      assertThatThrownBy(() -> f.agent.release(Fixtures.MAIL))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("base entitlement");
      assertThatThrownBy(() -> f.agent.register("bad token!"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("malformed")
          .hasMessageNotContaining("bad token!");
      assertThatThrownBy(() -> f.agent.request(EntitlementTag.parse("Unknown_Feature")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Unknown entitlement");
    }
  }

  @Test
  void forcedReRegistrationReplacesTheInstanceAndKeepsTheOldOneOnFailure() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      assertThat(f.status().registration().productInstanceId()).contains("PI-1");
      f.server.rejectNext(Op.REGISTER, RejectReason.TOKEN_EXPIRED, "expired");
      assertThat(f.agent.register("TOKEN2", true).succeeded()).isFalse();
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
      assertThat(f.status().registration().productInstanceId()).contains("PI-1");
      assertThat(f.agent.register("TOKEN2", true).succeeded()).isTrue();
      assertThat(f.status().registration().productInstanceId()).contains("PI-2");
      assertThat(f.events(EventCode.EVAL_STARTED)).hasSize(1);
    }
  }

  @Test
  void deregistrationAlwaysClearsLocalStateEvenWhenTheServerIsUnreachable() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.setDown(true);
      OperationResult r = f.agent.deregister();
      assertThat(r.outcome()).isEqualTo(OperationResult.Outcome.COMMUNICATION_FAILED);
      assertThat(r.message()).contains("PI-1").contains("by hand");
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.UNREGISTERED);
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.EVALUATION);
      assertThat(f.events(EventCode.AGENT_DEREG_FAILED)).hasSize(1);
    }
  }

  @Test
  void transportSettingsCanBeEditedOnlyWhileUnregistered() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.enable();
      f.agent.requireTransportSettingsEditable();
      f.agent.register("TOKEN1");
      assertThatThrownBy(f.agent::requireTransportSettingsEditable)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Please deregister product to edit transport settings");
      f.agent.deregister();
      f.agent.requireTransportSettingsEditable();
    }
  }

  @Test
  void classicLicensesAreConvertedOnceAtRegistration() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.agent.close();
      f.agent = f.builder().store(new InMemoryTrustedStore()).classicLicense(DLP).build();
      f.agent.enable();
      assertThat(f.status().licenseConversionEnabled()).isTrue();
      assertThat(f.status().licenseConversionDone()).isFalse();
      f.agent.register("TOKEN1");
      assertThat(f.status().licenseConversionDone()).isTrue();
      f.agent.register("TOKEN1", true);
      assertThat(f.server.requests(RegisterRequest.class))
          .extracting(RegisterRequest::classicLicenses)
          .containsExactly(java.util.List.of(DLP), java.util.List.of());
      assertThat(f.events(EventCode.LICENSE_CONVERSION_DONE)).hasSize(1);
    }
  }
}
