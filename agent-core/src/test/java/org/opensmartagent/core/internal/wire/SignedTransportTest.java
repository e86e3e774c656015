package org.opensmartagent.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.Fixtures;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;

/** The agent over the signed protocol: real certificates, real signatures, hostile answers. */
class SignedTransportTest {
  private final VirtualTime time = new VirtualTime(Fixtures.START);
  private final List<AgentEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

  private SmartAgent agent(SigningServer server, LicensingEnvironment pinned) throws Exception {
    SmartAgent agent =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(Fixtures.UDI)
            .channel(server)
            .pinnedRoot(server.pinnedRoot(pinned))
            .store(new InMemoryTrustedStore())
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .listener(events::add)
            .build();
    agent.enable();
    agent.request(Fixtures.DLP);
    return agent;
  }

  @Test
  void registersAuthorizesRenewsAndDeregistersWithVerifiedAnswers() throws Exception {
    SigningServer server = new SigningServer(time.clock(), LicensingEnvironment.PRODUCTION);
    try (SmartAgent agent = agent(server, LicensingEnvironment.PRODUCTION)) {
      assertThat(agent.register("TOKEN1").succeeded()).isTrue();
      assertThat(agent.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      assertThat(agent.status().registration().registrationExpires())
          .contains(Fixtures.START.plus(Duration.ofDays(365)));
      assertThat(agent.renewId().succeeded()).isTrue();
      assertThat(agent.renewAuthorization().succeeded()).isTrue();
      assertThat(agent.deregister().succeeded()).isTrue();
    }
  }

  @Test
  void forgedUnsignedAndMisdirectedAnswersAreRefusedAndChangeNothing() throws Exception {
    SigningServer server = new SigningServer(time.clock(), LicensingEnvironment.PRODUCTION);
    SigningServer impostor = new SigningServer(time.clock(), LicensingEnvironment.PRODUCTION);
    try (SmartAgent agent = agent(server, LicensingEnvironment.PRODUCTION)) {
      server.tamper(m -> impostor.sign(m.type(), m.payload()));
      expectUntrusted(agent.register("TOKEN1"), "failed verification");

      server.tamper(
          m ->
              new SignedMessage(
                  m.type(), m.version(), m.payload(), new byte[0], m.certificateChain()));
      expectUntrusted(agent.register("TOKEN1"), "SIGNATURE_VERIFICATION_FAILED");

      server.tamper(
          m ->
              new SignedMessage(
                  m.type(),
                  m.version(),
                  flipLastLetter(m.payload()),
                  m.signature(),
                  m.certificateChain()));
      expectUntrusted(agent.register("TOKEN1"), "SIGNATURE_VERIFICATION_FAILED");

      server.tamper(
          m -> new SignedMessage(m.type(), m.version(), m.payload(), m.signature(), List.of()));
      expectUntrusted(agent.register("TOKEN1"), "failed verification");

      server.tamper(m -> server.sign(MessageType.DEREGISTER_RESPONSE, m.payload()));
      expectUntrusted(
          agent.register("TOKEN1"), "answered a REGISTER_REQUEST with a DEREGISTER_RESPONSE");
      assertThat(agent.status().registration().productInstanceId()).isEmpty();

      server.tamper(m -> m);
      assertThat(agent.register("TOKEN1").succeeded()).isTrue();
      server.answerForInstance("PI-other");
      OperationResult r = agent.renewAuthorization();
      assertThat(r.message()).contains("product instance PI-other, not PI-1");
      assertThat(agent.status().registration().productInstanceId()).contains("PI-1");
    }
  }

  @Test
  void aDevelopmentServerIsRefusedByAProductionDevice() throws Exception {
    SigningServer dev = new SigningServer(time.clock(), LicensingEnvironment.DEVELOPMENT);
    SigningServer prod = new SigningServer(time.clock(), LicensingEnvironment.PRODUCTION);
    try (SmartAgent agent =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(Fixtures.UDI)
            .channel(dev)
            .pinnedRoot(prod.pinnedRoot(LicensingEnvironment.PRODUCTION))
            .store(new InMemoryTrustedStore())
            .scheduler(time)
            .clock(time.clock())
            .build()) {
      agent.enable();
      expectUntrusted(agent.register("TOKEN1"), "failed verification");
    }
  }

  @Test
  void tryAgainLaterIsHonouredAsTheServerAsked() throws Exception {
    SigningServer server = new SigningServer(time.clock(), LicensingEnvironment.PRODUCTION);
    try (SmartAgent agent = agent(server, LicensingEnvironment.PRODUCTION)) {
      server.tamper(m -> server.tryAgainLater(Duration.ofMinutes(45)));
      OperationResult r = agent.register("TOKEN1");
      assertThat(r.message()).contains("try again later");
      assertThat(r.nextRetry()).contains(Fixtures.START.plus(Duration.ofMinutes(45)));
      server.tamper(m -> m);
      time.advance(Duration.ofMinutes(45));
      assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
    }
  }

  @Test
  void anExpiredServerCertificateIsRefusedWithItsDates() throws Exception {
    SigningServer server = new SigningServer(time.clock(), LicensingEnvironment.PRODUCTION);
    try (SmartAgent agent = agent(server, LicensingEnvironment.PRODUCTION)) {
      time.setClock(Fixtures.START.plus(Duration.ofDays(4000)));
      server.tamper(m -> m);
      OperationResult r = agent.register("TOKEN1");
      assertThat(r.outcome()).isEqualTo(OperationResult.Outcome.COMMUNICATION_FAILED);
      assertThat(r.message()).contains("CERT_EXPIRED");
      assertThat(events).anyMatch(e -> e.code() == EventCode.AGENT_REG_RETRY);
    }
  }

  private static void expectUntrusted(OperationResult r, String detail) {
    assertThat(r.outcome()).isEqualTo(OperationResult.Outcome.COMMUNICATION_FAILED);
    assertThat(r.message()).contains("Untrusted answer").contains(detail);
  }

  private static byte[] flipLastLetter(byte[] payload) {
    byte[] copy = payload.clone();
    copy[copy.length - 2] ^= 0x01;
    return copy;
  }
}
