package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.Fixtures.DLP;
import static org.opensmartagent.core.Fixtures.MALWARE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.internal.AgentStoreException;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FaultInjectingTrustedStore;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.StoreLoad;
import org.opensmartagent.core.store.TrustedStore;

/** A change that cannot be stored is not applied; a damaged store never grants more. */
class StoreFailureTest {

  @Test
  void aFailedSaveLeavesTheAgentAsItWas() throws Exception {
    FaultInjectingTrustedStore store = new FaultInjectingTrustedStore(new InMemoryTrustedStore());
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.agent.enable();
      AgentStatus before = f.status();
      store.failNextSaves(1, "No space left on device");
      assertThatThrownBy(() -> f.agent.request(DLP))
          .isInstanceOf(AgentStoreException.class)
          .hasMessageContaining("nothing was changed")
          .hasMessageContaining("No space left on device");
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.INITIALIZED);
      assertThat(f.status().evaluation()).isEqualTo(before.evaluation());
      assertThat(f.events(EventCode.STORE_WRITE_FAILED)).hasSize(1);
      assertThat(f.events(EventCode.ENTITLEMENT_REQUESTED)).isEmpty();
      f.agent.request(DLP);
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.EVALUATION);
    }
  }

  /**
   * A listener may call the agent when it hears that a save failed: the event is delivered after
   * the state lock is released, like every other event (it was delivered under the lock, so a
   * listener that handed work to another thread and waited for it hung the agent).
   */
  @Test
  void theSaveFailedEventReachesTheListenerOutsideTheStateLock() throws Exception {
    FaultInjectingTrustedStore store = new FaultInjectingTrustedStore(new InMemoryTrustedStore());
    try (Fixtures f = new Fixtures()) {
      AtomicReference<SmartAgent> agent = new AtomicReference<>();
      CompletableFuture<Boolean> fromAnotherThread = new CompletableFuture<>();
      f.agent.close();
      f.agent =
          f.builder()
              .store(store)
              .listener(
                  e -> {
                    f.events.add(e);
                    if (e.code() == EventCode.STORE_WRITE_FAILED) {
                      try {
                        CompletableFuture.runAsync(() -> agent.get().request(MALWARE))
                            .get(10, TimeUnit.SECONDS);
                        fromAnotherThread.complete(true);
                      } catch (Exception timedOut) {
                        fromAnotherThread.completeExceptionally(timedOut);
                      }
                    }
                  })
              .build();
      agent.set(f.agent);
      f.agent.enable();
      store.failNextSaves(1, "No space left on device");

      assertThatThrownBy(() -> f.agent.request(DLP)).isInstanceOf(AgentStoreException.class);

      assertThat(fromAnotherThread.get(10, TimeUnit.SECONDS))
          .as("the listener's call from another thread went through")
          .isTrue();
      assertThat(f.mode(MALWARE)).isEqualTo(EnforcementMode.EVALUATION);
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.INITIALIZED);
    }
  }

  @Test
  void aRegistrationThatCannotBeStoredIsNotHalfApplied() throws Exception {
    FaultInjectingTrustedStore store = new FaultInjectingTrustedStore(new InMemoryTrustedStore());
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), store)) {
      f.agent.enable();
      f.server.beforeAnswer(() -> store.failNextSaves(1, "read-only file system"));
      assertThatThrownBy(() -> f.agent.register("TOKEN1"))
          .isInstanceOf(AgentStoreException.class)
          .hasMessageContaining("read-only file system");
      assertThat(f.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_FAILED);
      assertThat(f.status().registration().productInstanceId()).isEmpty();
      assertThat(StoredState.registration(store)).isEqualTo(RegistrationState.UNREGISTERED);
      f.server.beforeAnswer(() -> {});
      assertThat(f.agent.register("TOKEN1").succeeded()).isTrue();
    }
  }

  @Test
  void aTornNewestGenerationFallsBackToThePreviousOne() throws Exception {
    InMemoryTrustedStore memory = new InMemoryTrustedStore();
    TrustedStore survivesRestart =
        new TrustedStore() {
          @Override
          public StoreLoad load() throws StoreException {
            return memory.load();
          }

          @Override
          public void save(byte[] payload) throws StoreException {
            memory.save(payload);
          }

          @Override
          public void close() {}
        };
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), survivesRestart)) {
      f.agent.enable();
      f.agent.request(DLP);
      f.agent.request(MALWARE);
      memory.corruptCurrent();
      f.agent.close();
      f.events.clear();
      f.agent = f.build();
      assertThat(f.events(EventCode.STORE_RECOVERED)).hasSize(1);
      assertThat(f.mode(DLP)).isEqualTo(EnforcementMode.EVALUATION);
      assertThat(f.mode(MALWARE)).isEqualTo(EnforcementMode.INITIALIZED);
    }
  }

  @Test
  void aStoreWithNoReadableGenerationGrantsNothingNew(@TempDir Path dir) throws Exception {
    DeviceSecret secret = DeviceSecret.of(new byte[32]);
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), FileTrustedStore.open(dir, secret))) {
      f.agent.enable();
      f.agent.request(MALWARE);
      f.advanceDays(3);
      f.agent.close();
      try (var files = Files.list(dir)) {
        for (Path p : files.filter(p -> p.getFileName().toString().startsWith("state.")).toList()) {
          byte[] bytes = Files.readAllBytes(p);
          bytes[bytes.length / 2] ^= 0x55; // an attacker edits the evaluation counter
          Files.write(p, bytes);
        }
      }
      f.events.clear();
      f.restart(FileTrustedStore.open(dir, secret));
      assertThat(f.events(EventCode.STORE_CORRUPTED)).hasSize(1);
      assertThat(f.events(EventCode.STORE_CORRUPTED).get(0).message())
          .contains("no evaluation period left")
          .contains("Register the product again");
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ZERO);
      f.agent.request(MALWARE);
      assertThat(f.agent.isAllowed(MALWARE)).isFalse();
      assertThat(f.agent.register("TOKEN1").succeeded()).isTrue();
      assertThat(f.agent.isAllowed(MALWARE)).isTrue();
    }
  }

  @Test
  void aDeletedStoreIsNotAFreshDevice(@TempDir Path dir) throws Exception {
    DeviceSecret secret = DeviceSecret.of(new byte[32]);
    try (Fixtures f = new Fixtures(Fixtures.defaultPolicy(), FileTrustedStore.open(dir, secret))) {
      f.agent.enable();
      f.agent.request(DLP);
      f.advanceDays(10);
      f.agent.close();
      Files.delete(dir.resolve("state.cur"));
      Files.deleteIfExists(dir.resolve("state.prev"));
      f.restart(FileTrustedStore.open(dir, secret));
      assertThat(f.events(EventCode.STORE_CORRUPTED)).hasSize(1);
      assertThat(f.status().evaluation().remaining()).isZero();
    }
  }
}
