package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;
import static org.opensmartagent.core.Fixtures.START;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationAuthority;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReservedEntitlement;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.ScriptedTransport;

/**
 * Firmware upgrades and stored state: formats migrate forward (issue 10, defect 5) and the load
 * path moves registration only through the state machine (defect 8).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UpgradeTest {

  private static InMemoryTrustedStore storeWith(String fixture) throws Exception {
    try (InputStream in = UpgradeTest.class.getResourceAsStream("/state/" + fixture)) {
      String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
      InMemoryTrustedStore store = new InMemoryTrustedStore();
      store.save(HexFormat.of().parseHex(hex));
      return store;
    }
  }

  private static int version(byte[] payload) {
    return ByteBuffer.wrap(payload, 4, 4).getInt();
  }

  @Test
  void aRegisteredStoreWrittenByFormatVersion1LoadsAndIsRewrittenInTheCurrentVersion()
      throws Exception {
    InMemoryTrustedStore store = storeWith("v1-registered.hex");
    assertThat(version(store.load().payload())).isEqualTo(1);
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      AgentStatus s = f.status();
      assertThat(f.events(EventCode.STORE_CORRUPTED)).isEmpty();
      assertThat(s.registration().state()).isEqualTo(RegistrationState.REGISTERED);
      assertThat(s.registration().productInstanceId()).contains("PI-1");
      assertThat(s.authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.AUTHORIZED);
      assertThat(f.mode(MALWARE)).isEqualTo(EnforcementMode.AUTHORIZED);
      f.agent.request(Fixtures.OUTBREAK);
      assertThat(version(store.load().payload())).isEqualTo(2);
    }
  }

  @Test
  void anEvaluationStoreWrittenByFormatVersion1KeepsItsRemainingDays() throws Exception {
    InMemoryTrustedStore store = storeWith("v1-evaluation.hex");
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      assertThat(f.events(EventCode.STORE_CORRUPTED)).isEmpty();
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.EVALUATION);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(84));
    }
  }

  // ---- defect 8 ------------------------------------------------------------------------------

  @Test
  void defect8_aRegistrationDroppedOnLoadMovesThroughTheStateMachine() throws Exception {
    NeverSilentTest.Disk disk = new NeverSilentTest.Disk();
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), disk)) {
      f.registeredWithFeatures();
    }
    ReservationAuthority authority = new ReservationAuthority(START);
    VirtualTime time = new VirtualTime(START.plus(Duration.ofHours(1)));
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    try (SmartAgent agent =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(Fixtures.UDI)
            .transport(new ScriptedTransport(time.clock()))
            .pinnedRoot(authority.pinnedRoot()) // the scripted ID certificate does not chain to it
            .store(disk)
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .listener(events::add)
            .build()) {
      assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.UNREGISTERED);
      assertThat(events)
          .anyMatch(
              e ->
                  e.code() == EventCode.REGISTRATION_STATE_CHANGED
                      && e.message().contains("Unregistered"));
      assertThat(events).anyMatch(e -> e.code() == EventCode.STORE_CORRUPTED);
    }
  }

  @Test
  void defect8_anInstalledReservationIsKeptWhenTheFirmwareOmitsTheReservationKey()
      throws Exception {
    ReservationAuthority authority = new ReservationAuthority(START);
    VirtualTime time = new VirtualTime(START);
    NeverSilentTest.Disk disk = new NeverSilentTest.Disk();
    try (SmartAgent agent = reservationAgent(authority, time, disk, true)) {
      agent.enable();
      agent.request(MALWARE);
      agent.enableReservation();
      RequestCode code = agent.requestCode(ReservationType.SPECIFIC);
      agent.installAuthorizationCode(
          authority
              .authorize(
                  code, START, List.of(ReservedEntitlement.of(MALWARE, 1, LicenseTerm.perpetual())))
              .text());
      assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_SLR);
    }
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    try (SmartAgent agent = reservationAgent(authority, time, disk, false, events)) {
      assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_SLR);
      assertThat(agent.isAllowed(MALWARE)).isTrue();
      assertThat(events).anyMatch(e -> e.message().contains("not re-verified"));
    }
  }

  private static SmartAgent reservationAgent(
      ReservationAuthority authority, VirtualTime time, TrustedStore store, boolean withKey)
      throws Exception {
    return reservationAgent(authority, time, store, withKey, new CopyOnWriteArrayList<>());
  }

  private static SmartAgent reservationAgent(
      ReservationAuthority authority,
      VirtualTime time,
      TrustedStore store,
      boolean withKey,
      List<AgentEvent> events)
      throws Exception {
    SmartAgent.Builder b =
        SmartAgent.builder()
            .policy(Fixtures.defaultPolicy())
            .udi(Fixtures.UDI)
            .transport(new ScriptedTransport(time.clock()))
            .pinnedRoot(authority.pinnedRoot())
            .store(store)
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .listener(events::add);
    if (withKey) {
      b.reservationSigningChain(authority.signingChain());
    }
    return b.build();
  }
}
