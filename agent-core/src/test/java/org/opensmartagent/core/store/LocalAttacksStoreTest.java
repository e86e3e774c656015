package org.opensmartagent.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.store.StoreLoadAssert.assertThatLoad;
import static org.opensmartagent.core.store.StoreTesting.SECRET;
import static org.opensmartagent.core.store.StoreTesting.bytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store under local attack: rollback, deletion, the lock, permissions, read-only readers. */
@Timeout(60)
class LocalAttacksStoreTest {
  @TempDir Path root;

  private Path dir() {
    return root.resolve("store");
  }

  /** A counter a copy of the disk cannot roll back, as a TPM NV counter would be. */
  static final class HardwareCounter implements RollbackGuard {
    final AtomicLong value = new AtomicLong();

    @Override
    public long read() {
      return value.get();
    }

    @Override
    public void advanceTo(long target) {
      value.accumulateAndGet(target, Math::max);
    }
  }

  // ---- rollback -------------------------------------------------------------------------

  @Test
  void anOlderCopyPutBackLoadsAsRestoredAndTheNextSaveMovesPastTheCounter() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      store.save(bytes("reservation installed"));
    }
    Path backup = copy(dir(), root.resolve("backup"));
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      store.save(bytes("reservation returned"));
      store.save(bytes("checkpoint"));
    }
    replace(dir(), backup);
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      assertThatLoad(store.load())
          .isRestored("reservation installed")
          .detailContains("generation 1 is older than generation 3");
      store.save(bytes("restored, nothing granted"));
      assertThatLoad(store.load()).isCurrent("restored, nothing granted").hasGeneration(4);
    }
  }

  @Test
  void withoutTheCounterTheSameCopyLoadsAsCurrent() throws Exception {
    FileTrustedStore.Builder unguarded =
        FileTrustedStore.builder(dir(), SECRET).withoutRollbackGuard();
    try (FileTrustedStore store = unguarded.open()) {
      store.save(bytes("installed"));
    }
    Path backup = copy(dir(), root.resolve("backup"));
    try (FileTrustedStore store = unguarded.open()) {
      store.save(bytes("returned"));
    }
    replace(dir(), backup);
    try (FileTrustedStore store = unguarded.open()) {
      assertThatLoad(store.load()).isCurrent("installed"); // the break the counter closes
    }
  }

  @Test
  void destroyingTheNewestGenerationToFallBackIsARestore() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      store.save(bytes("installed"));
      store.save(bytes("returned"));
    }
    Files.write(dir().resolve("state.cur"), bytes("garbage"));
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      assertThatLoad(store.load()).isRestored("installed");
    }
  }

  @Test
  void deletingTheSoftwareCounterMakesAnyCopyLoadAsRestored() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      store.save(bytes("one"));
      store.save(bytes("two"));
      store.save(bytes("three"));
    }
    Files.delete(RollbackGuard.defaultFileFor(dir()));
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      assertThatLoad(store.load())
          .isRestored("three")
          .detailContains("the counter was deleted or reset");
    }
  }

  @Test
  void aHardwareCounterDetectsACopyOfEverythingOnDiskIncludingTheSoftwareCounter()
      throws Exception {
    HardwareCounter counter = new HardwareCounter();
    FileTrustedStore.Builder withHardware =
        FileTrustedStore.builder(dir(), DeviceSecret.randomFileIn(dir())).rollbackGuard(counter);
    try (FileTrustedStore store = withHardware.open()) {
      store.save(bytes("installed"));
    }
    Path backup = copy(dir(), root.resolve("backup"));
    try (FileTrustedStore store = withHardware.open()) {
      store.save(bytes("returned"));
    }
    replace(dir(), backup); // device.secret included
    try (FileTrustedStore store = withHardware.open()) {
      assertThatLoad(store.load()).isRestored("installed");
    }
    assertThat(counter.read()).isEqualTo(2);
  }

  @Test
  void aCrashBetweenTheCommitAndTheCounterIsNotARestore() throws Exception {
    HardwareCounter counter = new HardwareCounter();
    RollbackGuard failsOnce =
        new RollbackGuard() {
          boolean failed;

          @Override
          public long read() {
            return counter.read();
          }

          @Override
          public void advanceTo(long value) throws IOException {
            if (!failed) {
              failed = true;
              throw new IOException("power lost");
            }
            counter.advanceTo(value);
          }
        };
    try (FileTrustedStore store =
        FileTrustedStore.builder(dir(), SECRET).rollbackGuard(failsOnce).open()) {
      store.save(bytes("committed before the counter"));
      assertThat(counter.read()).isZero();
      assertThatLoad(store.load()).isCurrent("committed before the counter");
      assertThat(counter.read()).as("caught up on load").isEqualTo(1);
    }
  }

  @Test
  void theDefaultCounterLivesNextToTheDirectoryOwnerOnly() throws Exception {
    Path counter = RollbackGuard.defaultFileFor(dir());
    assertThat(counter).isEqualTo(root.resolve("store.rollback"));
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      store.save(bytes("x"));
    }
    assertThat(Files.readString(counter).trim()).isEqualTo("1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(counter)))
        .isEqualTo("rw-------");
    assertThatThrownBy(() -> RollbackGuard.defaultFileFor(Path.of("/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rollbackGuard(...)");
  }

  // ---- deletion -------------------------------------------------------------------------

  @Test
  void deletingTheStoreFilesWhileTheSecretExistsIsCorruptNotAFirstBoot() throws Exception {
    FileTrustedStore.Builder secretOnly =
        FileTrustedStore.builder(dir(), DeviceSecret.randomFileIn(dir())).withoutRollbackGuard();
    try (FileTrustedStore store = secretOnly.open()) {
      assertThatLoad(store.load()).hasStatus(StoreLoad.Status.EMPTY);
      store.save(bytes("evaluation day 80"));
    }
    deleteStoreFiles();
    try (FileTrustedStore store =
        FileTrustedStore.builder(dir(), DeviceSecret.randomFileIn(dir()))
            .withoutRollbackGuard()
            .open()) {
      assertThatLoad(store.load()).isCorrupt().detailContains("although the device secret exists");
    }
  }

  @Test
  void deletingTheStoreFilesWhileTheCounterSaysOtherwiseIsCorrupt() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      store.save(bytes("evaluation day 80"));
    }
    deleteStoreFiles();
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      assertThatLoad(store.load()).isCorrupt().detailContains("the rollback counter says 1");
    }
  }

  private void deleteStoreFiles() throws IOException {
    for (String name : new String[] {"state.cur", "state.prev", "store.initialised"}) {
      Files.deleteIfExists(dir().resolve(name));
    }
  }

  // ---- the lock -------------------------------------------------------------------------

  @Test
  void deletingTheLockFileDoesNotLetASecondProcessCommitAlongside() throws Exception {
    try (FileTrustedStore first = FileTrustedStore.open(dir(), SECRET)) {
      first.save(bytes("first"));
      Files.delete(dir().resolve("store.lock"));
      try (StoreProbe.Child second = StoreProbe.start("", "hold", dir().toString())) {
        assertThat(second.firstLine()).isEqualTo("opened"); // it locked a new store.lock
        assertThatThrownBy(() -> first.save(bytes("alongside")))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("was deleted or replaced while this agent held it")
            .hasMessageContaining("nothing was written");
        assertThatLoad(first.load()).isCurrent("first");
      }
      first.save(bytes("after the other one left")); // takes the new lock file over
      try (StoreProbe.Child third = StoreProbe.start("", "hold", dir().toString())) {
        assertThat(third.firstLine()).startsWith("Another process holds the store lock");
      }
    }
  }

  @Test
  void openWaitsABoundedTimeForTheLockAndSaysSo() throws Exception {
    Files.createDirectories(dir());
    try (StoreProbe.Child holder = StoreProbe.start("", "hold", dir().toString())) {
      assertThat(holder.firstLine()).isEqualTo("opened");
      assertThatThrownBy(
              () -> FileTrustedStore.builder(dir(), SECRET).lockWait(Duration.ofMillis(300)).open())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("Another process holds the store lock")
          .hasMessageContaining("waited 300 ms");
      CompletableFuture<FileTrustedStore> waiting =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return FileTrustedStore.builder(dir(), SECRET)
                      .lockWait(Duration.ofSeconds(30))
                      .open();
                } catch (StoreException e) {
                  throw new IllegalStateException(e);
                }
              });
      holder.close(); // the holder exits and the waiting open gets the lock
      try (FileTrustedStore store = waiting.get(30, TimeUnit.SECONDS)) {
        store.save(bytes("after waiting"));
      }
    }
  }

  // ---- permissions ----------------------------------------------------------------------

  @Test
  void everythingTheStoreCreatesIsOwnerOnlyEvenWithAnOpenUmask() throws Exception {
    Path deep = root.resolve("state/store");
    try (StoreProbe.Child child = StoreProbe.start("000", "save", deep.toString(), "x")) {
      assertThat(child.firstLine()).isEqualTo("saved");
    }
    assertThat(mode(root.resolve("state"))).isEqualTo("rwx------");
    assertThat(mode(deep)).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(deep)) {
      for (Path f : files.toList()) {
        assertThat(mode(f)).as(f.getFileName().toString()).isEqualTo("rw-------");
      }
    }
    assertThat(mode(root.resolve("state/store.rollback"))).isEqualTo("rw-------");
    assertThat(deep.resolve("device.secret")).exists();
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  // ---- read-only readers ----------------------------------------------------------------

  @Test
  void aReadOnlyViewReadsTheLastCommitWhileTheWriterHoldsTheLock() throws Exception {
    DeviceSecret secret = DeviceSecret.randomFileIn(dir());
    try (FileTrustedStore writer = FileTrustedStore.open(dir(), secret)) {
      writer.save(bytes("one"));
      try (TrustedStore reader = FileTrustedStore.builder(dir(), secret).openReadOnly()) {
        assertThatLoad(reader.load()).isCurrent("one");
        writer.save(bytes("two"));
        assertThatLoad(reader.load()).isCurrent("two");
        reader.save(bytes("kept in memory"));
        assertThatLoad(reader.load()).hasPayload("kept in memory");
      }
      assertThatLoad(writer.load()).isCurrent("two");
      assertThat(Files.readString(RollbackGuard.defaultFileFor(dir())).trim()).isEqualTo("2");
    }
  }

  @Test
  void aReadOnlyViewOfANewDeviceCreatesNothing() throws Exception {
    try (TrustedStore reader =
        FileTrustedStore.builder(dir(), DeviceSecret.randomFileIn(dir())).openReadOnly()) {
      assertThatLoad(reader.load()).hasStatus(StoreLoad.Status.EMPTY);
    }
    assertThat(dir()).doesNotExist();
    assertThat(RollbackGuard.defaultFileFor(dir())).doesNotExist();
  }

  @Test
  void aReadOnlyViewSeesARestoredCopyAsRestored() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      store.save(bytes("installed"));
    }
    Path backup = copy(dir(), root.resolve("backup"));
    try (FileTrustedStore store = FileTrustedStore.open(dir(), SECRET)) {
      store.save(bytes("returned"));
    }
    replace(dir(), backup);
    try (TrustedStore reader = FileTrustedStore.builder(dir(), SECRET).openReadOnly()) {
      assertThatLoad(reader.load()).isRestored("installed");
    }
  }

  // ---- helpers --------------------------------------------------------------------------

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
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
}
