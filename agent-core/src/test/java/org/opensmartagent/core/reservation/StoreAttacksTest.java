package org.opensmartagent.core.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.START;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.Fixtures;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.ScriptedTransport;

/**
 * Local attacks on the store, run on the real agent over real files: each reproduces the attack
 * (where it worked before, with the rollback counter turned off) and shows that it now holds.
 */
@Timeout(60)
class StoreAttacksTest {
  private static final Udi OTHER_DEVICE = Udi.of("ESA-C170", "FCH9999ZZZZ");

  @TempDir Path root;
  private VirtualTime time = new VirtualTime(START);
  private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  private final ReservationAuthority authority = new ReservationAuthority(START);

  private Path store() {
    return root.resolve("device/store");
  }

  private SmartAgent agent(Udi udi, boolean guarded) throws Exception {
    FileTrustedStore.Builder store =
        FileTrustedStore.builder(store(), DeviceSecret.randomFileIn(store()));
    if (!guarded) {
      store.withoutRollbackGuard();
    }
    return SmartAgent.builder()
        .policy(Fixtures.defaultPolicy())
        .udi(udi)
        .transport(new ScriptedTransport(time.clock()))
        .pinnedRoot(authority.pinnedRoot())
        .reservationSigningChain(authority.signingChain())
        .store(store.open())
        .scheduler(time)
        .clock(time.clock())
        .ticker(time.ticker())
        .listener(events::add)
        .build();
  }

  private SmartAgent agent(boolean guarded) throws Exception {
    return agent(Fixtures.UDI, guarded);
  }

  private void installPermanentReservation(SmartAgent agent) {
    agent.enable();
    agent.enableReservation();
    RequestCode code = agent.requestCode(ReservationType.UNIVERSAL);
    agent.installAuthorizationCode(authority.authorize(code, START, List.of()).text());
    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_PLR);
  }

  /** Returns a PLR, then copies the pre-return store back. */
  private SmartAgent returnThenRestore(boolean guarded) throws Exception {
    try (SmartAgent agent = agent(guarded)) {
      installPermanentReservation(agent);
    }
    Path backup = copy(store(), root.resolve("backup"));
    try (SmartAgent agent = agent(guarded)) {
      agent.returnReservation();
      assertThat(agent.status().registration().state())
          .isNotEqualTo(RegistrationState.REGISTERED_PLR);
    }
    replace(store(), backup);
    return agent(guarded);
  }

  @Test
  void aReturnedPermanentReservationCopiedBackIsNotReinstated() throws Exception {
    try (SmartAgent attack = returnThenRestore(false)) {
      assertThat(attack.status().registration().state())
          .as("without the counter the attack works")
          .isEqualTo(RegistrationState.REGISTERED_PLR);
    }
    wipe(root);
    events.clear();
    try (SmartAgent agent = returnThenRestore(true)) {
      assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.UNREGISTERED);
      assertThat(agent.status().evaluation().remaining()).isEqualTo(Duration.ZERO);
      assertThat(agent.status().reservation().installedType()).isEmpty();
      assertThat(events)
          .anyMatch(
              e ->
                  e.code() == EventCode.SYSTEM_CLOCK_CHANGED
                      && e.message().contains("restored from an older copy"));
    }
  }

  /** Uses two days of evaluation, copies the store, uses more, then puts the copy back. */
  private SmartAgent exhaustThenRestore(boolean guarded) throws Exception {
    try (SmartAgent agent = agent(guarded)) {
      agent.enable();
      agent.request(DLP);
      time.advance(Duration.ofDays(2));
    }
    Path backup = copy(store(), root.resolve("backup"));
    try (SmartAgent agent = agent(guarded)) {
      time.advance(Duration.ofDays(1));
      assertThat(agent.status().evaluation().remaining()).isEqualTo(Duration.ofDays(87));
    }
    replace(store(), backup);
    time = new VirtualTime(START.plus(Duration.ofDays(2))); // the clock set to match the copy
    return agent(guarded);
  }

  @Test
  void anOldEvaluationCopiedBackWithTheClockSetToMatchGrantsNoEvaluation() throws Exception {
    try (SmartAgent attack = exhaustThenRestore(false)) {
      assertThat(attack.status().evaluation().remaining())
          .as("without the counter the attack works")
          .isEqualTo(Duration.ofDays(88));
    }
    wipe(root);
    time = new VirtualTime(START);
    try (SmartAgent agent = exhaustThenRestore(true)) {
      assertThat(agent.status().evaluation().remaining()).isEqualTo(Duration.ZERO);
      assertThat(agent.status().entitlement(DLP).orElseThrow().mode())
          .isNotEqualTo(EnforcementMode.EVALUATION);
      assertThat(events).anyMatch(e -> e.code() == EventCode.SYSTEM_CLOCK_CHANGED);
    }
  }

  @Test
  void aStoreCopiedToAnotherDeviceIsRefusedAndGrantsNothing() throws Exception {
    try (SmartAgent agent = agent(true)) {
      installPermanentReservation(agent);
    }
    // the whole state directory, device secret and counter included, lands on another device
    assertThatThrownBy(() -> agent(OTHER_DEVICE, true))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("belongs to another device")
        .hasMessageContaining("reservation is for " + Fixtures.UDI)
        .hasMessageContaining("this device is " + OTHER_DEVICE);
    try (SmartAgent agent = agent(true)) {
      assertThat(agent.status().registration().state())
          .as("the store itself is untouched")
          .isEqualTo(RegistrationState.REGISTERED_PLR);
    }
  }

  @Test
  void deletingTheStoreFilesWhileTheSecretExistsStartsNoFreshEvaluation() throws Exception {
    try (SmartAgent agent = agent(true)) {
      agent.enable();
      agent.request(DLP);
      time.advance(Duration.ofDays(2));
    }
    for (String name : List.of("state.cur", "state.prev", "store.initialised")) {
      Files.deleteIfExists(store().resolve(name));
    }
    Files.delete(root.resolve("device/store.rollback")); // the secret alone must be enough
    try (SmartAgent agent = agent(true)) {
      assertThat(agent.status().evaluation().remaining()).isEqualTo(Duration.ZERO);
      assertThat(events)
          .anyMatch(
              e ->
                  e.code() == EventCode.STORE_CORRUPTED
                      && e.message().contains("although the device secret exists"));
    }
  }

  @Test
  void onlyADeviceWhoseSecretIsGoneTooStartsFresh() throws Exception {
    try (SmartAgent agent = agent(true)) {
      agent.enable();
      agent.request(DLP);
      time.advance(Duration.ofDays(2));
    }
    wipe(root);
    try (SmartAgent agent = agent(true)) {
      agent.enable();
      assertThat(agent.status().evaluation().remaining()).isEqualTo(Duration.ofDays(90));
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals("store.lock")) {
          Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }

  private static void replace(Path dir, Path backup) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    copy(backup, dir);
  }

  /** Deletes everything under {@code dir}, as a factory reset by hand would. */
  private static void wipe(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }
}
