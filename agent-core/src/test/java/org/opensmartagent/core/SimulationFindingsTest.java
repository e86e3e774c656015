package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.OUTBREAK;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.store.FaultInjectingTrustedStore;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.transport.AuthorizeRequest;

/**
 * Engine defects the field simulation found (agent-testkit {@code sim}), each reproduced here on
 * one thread with virtual time; every test failed before its fix.
 */
@Timeout(30)
class SimulationFindingsTest {

  private static void noBug(OperationResult r) {
    assertThat(r.message().toLowerCase(Locale.ROOT)).doesNotContain("bug");
  }

  /** Sim seed 4: the registration expired at the commit that started a forced re-register. */
  @Test
  void aForcedRegisterAfterAYearLongForwardJumpRegistersAgain() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.time.setClock(f.time.now().plus(Duration.ofHours(9149))); // nothing woke since
      OperationResult r = f.agent.register("VALIDTOKEN123", true);
      noBug(r);
      assertThat(r.succeeded()).as(r.toString()).isTrue();
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
      assertThat(f.events(EventCode.REGISTRATION_EXPIRED)).hasSize(1);
    }
  }

  @Test
  void aForcedRegisterThatFailsAfterTheRegistrationExpiredUnderItKeepsNothingOld()
      throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.setDown(true);
      f.time.setClock(f.time.now().plus(Duration.ofHours(9149)));
      OperationResult r = f.agent.register("VALIDTOKEN123", true);
      noBug(r);
      assertThat(r.succeeded()).isFalse();
      assertThat(f.status().registration().state())
          .isIn(
              RegistrationState.REGISTRATION_RETRY,
              RegistrationState.REGISTRATION_FAILED,
              RegistrationState.REGISTRATION_EXPIRED);
      assertThat(f.status().registration().productInstanceId()).isEmpty();
      f.server.setDown(false);
      OperationResult again = f.agent.register("VALIDTOKEN123");
      assertThat(again.succeeded()).as(again.toString()).isTrue();
    }
  }

  /**
   * The build's quiet-time "hang": an entitlement requested after the last verdict expired with a
   * clock that jumped forward; after NTP corrected the clock, the ID renewal took the server's time
   * (before the authorization's end) and the move AUTHORIZATION_EXPIRED -> WAITING was refused as a
   * bug, at every wake-up.
   */
  @Test
  void aServerTimeCorrectionAfterAnExpiryByAWrongClockIsNoBug() throws Exception {
    try (Fixtures f = new Fixtures()) {
      f.registeredWithFeatures();
      f.server.setDown(true);
      f.agent.request(OUTBREAK);
      assertThat(f.mode(OUTBREAK)).isEqualTo(EnforcementMode.WAITING);
      f.time.setClock(f.time.now().plus(Duration.ofDays(100)));
      f.agent.renewId(); // fails (server down) but commits at the jumped time
      assertThat(f.mode(OUTBREAK)).isEqualTo(EnforcementMode.AUTHORIZATION_EXPIRED);
      f.time.setClock(f.time.now().minus(Duration.ofDays(100))); // NTP corrects the clock
      f.server.setDown(false);
      OperationResult r = f.agent.renewId();
      noBug(r);
      assertThat(r.succeeded()).as(r.toString()).isTrue();
      assertThat(f.mode(OUTBREAK)).isEqualTo(EnforcementMode.WAITING);
      assertThat(f.events).noneMatch(e -> e.message().toLowerCase(Locale.ROOT).contains("bug"));
    }
  }

  /**
   * Scheduled work that keeps failing was retried every minute for ever: in the simulation, 4320
   * server exchanges per quiet time. It backs off, doubling to an hour, and recovers once healed.
   */
  @Test
  void scheduledWorkThatKeepsFailingBacksOffAndRecovers() throws Exception {
    FaultInjectingTrustedStore store = new FaultInjectingTrustedStore(new InMemoryTrustedStore());
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.registeredWithFeatures();
      int renewals = f.server.requests(AuthorizeRequest.class).size();
      store.failAllSaves("No space left on device");
      f.advanceDays(40);
      int failed = store.failedSaves();
      assertThat(failed).as("failed saves in 40 days").isPositive().isLessThan(40 * 24 + 20);
      store.heal();
      f.advance(Duration.ofHours(2));
      f.advanceDays(1);
      assertThat(f.server.requests(AuthorizeRequest.class)).hasSizeGreaterThan(renewals);
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
    }
  }
}
