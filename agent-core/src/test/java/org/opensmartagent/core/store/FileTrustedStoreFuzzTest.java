package org.opensmartagent.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.Contract;
import org.opensmartagent.core.store.internal.StoreFiles;

/**
 * Loads arbitrary bytes written as {@code state.cur} (over a good {@code state.prev}) and as both
 * generations. The load must answer, never throw; and it may only ever hand back a payload that was
 * really saved.
 */
class FileTrustedStoreFuzzTest {
  private static final byte[] FIRST = StoreTesting.bytes("first saved state");
  private static final byte[] SECOND = StoreTesting.bytes("second saved state");
  @TempDir static Path dir;
  private static FileTrustedStore store;
  private static StoreFiles files;
  private static byte[] goodPrevious;

  @BeforeAll
  static void open() throws Exception {
    store = FileTrustedStore.open(dir, StoreTesting.SECRET);
    store.save(FIRST);
    store.save(SECOND);
    files = new StoreFiles(dir);
    goodPrevious = Files.readAllBytes(files.previous());
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @FuzzTest(maxDuration = "30s")
  void currentGenerationIsArbitrary(byte[] data) throws Exception {
    Files.write(files.current(), data);
    Files.write(files.previous(), goodPrevious);
    StoreLoad load = loadKeepingTheContract();
    assertThat(load.status())
        .isIn(
            StoreLoad.Status.RECOVERED_FROM_PREVIOUS,
            StoreLoad.Status.RESTORED,
            StoreLoad.Status.CURRENT,
            StoreLoad.Status.CORRUPT);
    assertGrantsNothingNew(load);
  }

  @FuzzTest(maxDuration = "30s")
  void bothGenerationsAreArbitrary(byte[] data) throws Exception {
    int half = data.length / 2;
    Files.write(files.current(), Arrays.copyOfRange(data, 0, half));
    Files.write(files.previous(), Arrays.copyOfRange(data, half, data.length));
    StoreLoad load = loadKeepingTheContract();
    assertGrantsNothingNew(load);
  }

  private static StoreLoad loadKeepingTheContract() {
    StoreLoad[] load = new StoreLoad[1];
    Contract.holds(() -> load[0] = store.load());
    assertThat(load[0].status()).isNotEqualTo(StoreLoad.Status.EMPTY);
    return load[0];
  }

  /** Only a payload that was really saved (with the device secret) may come back. */
  private static void assertGrantsNothingNew(StoreLoad load) {
    if (load.hasPayload()) {
      assertThat(Arrays.equals(load.payload(), FIRST) || Arrays.equals(load.payload(), SECOND))
          .as("a payload that was saved")
          .isTrue();
    } else {
      assertThat(load.status()).isEqualTo(StoreLoad.Status.CORRUPT);
      assertThat(load.detail()).isNotBlank();
    }
  }
}
