package org.opensmartagent.core.store;

import static org.opensmartagent.core.store.StoreLoadAssert.assertThatLoad;
import static org.opensmartagent.core.store.StoreTesting.OTHER_SECRET;
import static org.opensmartagent.core.store.StoreTesting.SECRET;
import static org.opensmartagent.core.store.StoreTesting.bytes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A damaged newest generation falls back to the previous one; nothing valid means CORRUPT. */
class FileTrustedStoreRecoveryTest {

  @TempDir Path dir;

  enum Damage {
    TRUNCATED("is truncated"),
    ONE_BIT_FLIPPED("MAC mismatch"),
    GARBAGE("bad magic"),
    ZERO_LENGTH("zero length"),
    DELETED("is missing");

    final String detail;

    Damage(String detail) {
      this.detail = detail;
    }

    void applyTo(Path file) throws IOException {
      switch (this) {
        case TRUNCATED -> Files2.truncate(file, 30);
        case ONE_BIT_FLIPPED -> Files2.corrupt(file);
        case GARBAGE -> Files.write(file, bytes("this is not a licensing store at all"));
        case ZERO_LENGTH -> Files.write(file, new byte[0]);
        case DELETED -> Files.delete(file);
      }
    }
  }

  @BeforeEach
  void commitTwoGenerations() throws Exception {
    try (FileTrustedStore store = unguarded(dir, SECRET)) {
      store.save(bytes("A"));
      store.save(bytes("B"));
    }
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void damagedCurrentGenerationRecoversThePreviousOne(Damage damage) throws Exception {
    damage.applyTo(dir.resolve("state.cur"));
    assertThatLoad(load(SECRET))
        .isRecovered("A")
        .hasGeneration(1)
        .detailContains("state.cur", damage.detail);
  }

  @Test
  void detailNamesTheIntegrityFailure() throws Exception {
    Files2.corrupt(dir.resolve("state.cur"));
    assertThatLoad(load(SECRET))
        .detailContains("state.cur failed its integrity check (MAC mismatch)");
  }

  @Test
  void saveAfterRecoveryContinuesFromTheRecoveredGenerationAndKeepsIt() throws Exception {
    Files2.corrupt(dir.resolve("state.cur"));
    try (FileTrustedStore store = unguarded(dir, SECRET)) {
      assertThatLoad(store.load()).isRecovered("A").hasGeneration(1);
      store.save(bytes("C"));
      assertThatLoad(store.load()).isCurrent("C").hasGeneration(2);
    }
    Files2.corrupt(dir.resolve("state.cur"));
    assertThatLoad(load(SECRET)).isRecovered("A");
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void bothGenerationsDamagedIsCorrupt(Damage damage) throws Exception {
    damage.applyTo(dir.resolve("state.cur"));
    Files2.corrupt(dir.resolve("state.prev"));
    assertThatLoad(load(SECRET))
        .isCorrupt()
        .detailContains("no valid generation", damage.detail, "state.prev failed");
  }

  @Test
  void wrongSecretIsCorruptWithAMacMismatch() throws Exception {
    assertThatLoad(load(OTHER_SECRET)).isCorrupt().detailContains("MAC mismatch", "device secret");
  }

  @Test
  void newerFormatVersionFallsBackAndNamesTheVersion() throws Exception {
    setFormatVersion(dir.resolve("state.cur"), 2);
    assertThatLoad(load(SECRET))
        .isRecovered("A")
        .detailContains("written by a newer agent, format version 2");
  }

  @Test
  void newerFormatVersionEverywhereIsCorruptAndNamesTheVersion() throws Exception {
    setFormatVersion(dir.resolve("state.cur"), 7);
    setFormatVersion(dir.resolve("state.prev"), 7);
    assertThatLoad(load(SECRET)).isCorrupt().detailContains("format version 7", "agent version");
  }

  @Test
  void anOlderGenerationInCurrentLosesToANewerPrevious() throws Exception {
    Path cur = dir.resolve("state.cur");
    Path prev = dir.resolve("state.prev");
    Path swap = dir.resolve("swap");
    Files.move(cur, swap);
    Files.move(prev, cur);
    Files.move(swap, prev);
    assertThatLoad(load(SECRET)).isRecovered("B").hasGeneration(2).detailContains("older");
  }

  /**
   * These tests are about recovering from damage, so they keep no rollback counter: with one, a
   * damaged newest generation loads the previous one as RESTORED (see RollbackGuardTest).
   */
  private static FileTrustedStore unguarded(Path dir, DeviceSecret secret) throws StoreException {
    return FileTrustedStore.builder(dir, secret).withoutRollbackGuard().open();
  }

  private static void setFormatVersion(Path file, int version) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).putInt(4, version);
    Files.write(file, bytes);
  }

  private StoreLoad load(DeviceSecret secret) throws StoreException {
    try (FileTrustedStore store = unguarded(dir, secret)) {
      return store.load();
    }
  }
}
