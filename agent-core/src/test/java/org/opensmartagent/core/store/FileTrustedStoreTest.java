package org.opensmartagent.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.store.StoreLoadAssert.assertThatLoad;
import static org.opensmartagent.core.store.StoreTesting.SECRET;
import static org.opensmartagent.core.store.StoreTesting.bytes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.store.StoreLoad.Status;

class FileTrustedStoreTest {

  @TempDir Path root;

  @Test
  void brandNewDirectoryIsAFirstBoot() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(root.resolve("new/state"), SECRET)) {
      assertThatLoad(store.load()).hasStatus(Status.EMPTY).hasPayload("").hasGeneration(0);
    }
    assertThat(root.resolve("new/state")).isDirectory();
  }

  @Test
  void savedPayloadLoadsBack() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      store.save(bytes("registered"));
      assertThatLoad(store.load()).isCurrent("registered").hasGeneration(1);
    }
  }

  @Test
  void everySaveIncrementsTheGeneration() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      for (int i = 1; i <= 5; i++) {
        store.save(bytes("state " + i));
        assertThatLoad(store.load()).isCurrent("state " + i).hasGeneration(i);
      }
    }
  }

  @Test
  void reopeningAfterCloseLoadsTheLastCommittedPayload() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      store.save(bytes("first"));
      store.save(bytes("second"));
    }
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      assertThatLoad(store.load()).isCurrent("second").hasGeneration(2);
      store.save(bytes("third"));
      assertThatLoad(store.load()).hasGeneration(3);
    }
  }

  @Test
  void emptyAndLargePayloadsRoundTrip() throws Exception {
    byte[] large = new byte[1 << 20];
    large[large.length - 1] = 42;
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      store.save(new byte[0]);
      assertThatLoad(store.load()).isCurrent("");
      store.save(large);
      assertThat(store.load().payload()).isEqualTo(large);
    }
  }

  @Test
  void callerMayReuseTheSavedArray() throws Exception {
    byte[] payload = bytes("mine");
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      store.save(payload);
      payload[0] = 'X';
      assertThatLoad(store.load()).isCurrent("mine");
    }
  }

  @Test
  void leftoverTempFileIsDeletedAtOpenAndIgnored() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      store.save(bytes("committed"));
    }
    Files.write(root.resolve("state.tmp"), bytes("half-written garbage"));
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      assertThat(root.resolve("state.tmp")).doesNotExist();
      assertThatLoad(store.load()).isCurrent("committed");
    }
  }

  @Test
  void deletedStoreFilesAfterInitialisationAreCorruptNotAFirstBoot() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      store.save(bytes("evaluation started"));
    }
    Files.delete(root.resolve("state.cur"));
    Files.deleteIfExists(root.resolve("state.prev"));
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      assertThatLoad(store.load()).isCorrupt().detailContains("store files are missing", "backup");
    }
  }

  @Test
  void concurrentSavesAreSerialised() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      List<Future<?>> saves = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        byte[] payload = bytes("save " + i);
        saves.add(threads.submit(() -> saveUnchecked(store, payload)));
      }
      for (Future<?> save : saves) {
        save.get();
      }
      assertThatLoad(store.load()).hasStatus(Status.CURRENT).hasGeneration(40);
    } finally {
      threads.shutdownNow();
    }
  }

  private static Void saveUnchecked(TrustedStore store, byte[] payload) throws StoreException {
    store.save(payload);
    return null;
  }

  @Test
  void rejectsNullArguments() throws Exception {
    assertThatThrownBy(() -> FileTrustedStore.open(null, SECRET)).hasMessage("directory == null");
    assertThatThrownBy(() -> FileTrustedStore.open(root, null)).hasMessage("secret == null");
    try (FileTrustedStore store = FileTrustedStore.open(root, SECRET)) {
      assertThatThrownBy(() -> store.save(null)).hasMessage("payload == null");
    }
  }

  @Test
  void rejectsASecretShorterThanSixteenBytes() {
    assertThatThrownBy(() -> FileTrustedStore.open(root, () -> new byte[8]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 bytes");
  }

  @Test
  void closedStoreRefusesUseAndClosingTwiceIsHarmless() throws Exception {
    FileTrustedStore store = FileTrustedStore.open(root, SECRET);
    store.close();
    store.close();
    assertThatThrownBy(store::load).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.save(bytes("x"))).isInstanceOf(IllegalStateException.class);
  }
}
