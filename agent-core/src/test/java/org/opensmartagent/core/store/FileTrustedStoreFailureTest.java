package org.opensmartagent.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.opensmartagent.core.store.StoreLoadAssert.assertThatLoad;
import static org.opensmartagent.core.store.StoreTesting.SECRET;
import static org.opensmartagent.core.store.StoreTesting.bytes;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failures an operator can meet: full disk, read-only directory, a second agent. */
class FileTrustedStoreFailureTest {

  @TempDir Path dir;

  static Stream<Arguments> diskFailures() {
    return Stream.of(
        Arguments.of(new FileSystemException("state.tmp", null, "No space left on device"), "full"),
        Arguments.of(new IOException("No space left on device"), "disk is full"),
        Arguments.of(new AccessDeniedException("state.tmp"), "read-only"),
        Arguments.of(new FileSystemException("state.tmp", null, "Read-only file system"), "read-"),
        Arguments.of(new IOException("Input/output error"), "Input/output error"));
  }

  @ParameterizedTest
  @MethodSource("diskFailures")
  void failedSaveSaysWhatToDoAndKeepsThePreviousState(IOException failure, String says)
      throws Exception {
    FaultyFileOps ops = new FaultyFileOps();
    try (FileTrustedStore store = FileTrustedStore.open(dir, SECRET, ops)) {
      store.save(bytes("A"));
      ops.failMutations(failure);
      assertThatThrownBy(() -> store.save(bytes("B")))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("Cannot write the licensing store in " + dir)
          .hasMessageContaining(says)
          .hasMessageEndingWith("the previous state is kept.")
          .hasCause(failure);
      assertThatLoad(store.load()).isCurrent("A");
      ops.reset();
      store.save(bytes("B"));
      assertThatLoad(store.load()).isCurrent("B").hasGeneration(2);
    }
  }

  @Test
  void diskFullMessageReadsWell() throws Exception {
    FaultyFileOps ops = new FaultyFileOps();
    try (FileTrustedStore store = FileTrustedStore.open(dir, SECRET, ops)) {
      ops.failMutations(new IOException("No space left on device"));
      assertThatThrownBy(() -> store.save(bytes("B")))
          .hasMessage(
              "Cannot write the licensing store in "
                  + dir
                  + ": the disk is full. Free space and retry; the previous state is kept.");
    }
  }

  @Test
  void failureAfterTheFinalRenameSaysTheNewStateIsInPlace() throws Exception {
    FaultyFileOps ops = new FaultyFileOps();
    try (FileTrustedStore store = FileTrustedStore.open(dir, SECRET, ops)) {
      store.save(bytes("A"));
      ops.failAt(6, false);
      assertThatThrownBy(() -> store.save(bytes("B")))
          .hasMessageStartingWith("Wrote the licensing store in " + dir)
          .hasMessageContaining("could not flush it to disk", "new state is in place");
      assertThatLoad(store.load()).isCurrent("B");
    }
  }

  @Test
  void unreadableStoreSaysNothingWasChanged() throws Exception {
    FaultyFileOps ops = new FaultyFileOps();
    try (FileTrustedStore store = FileTrustedStore.open(dir, SECRET, ops)) {
      store.save(bytes("A"));
      ops.failAt(0, false);
      assertThatThrownBy(store::load)
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("Cannot read the licensing store in " + dir)
          .hasMessageEndingWith("nothing was changed.");
    }
  }

  @Test
  void reallyReadOnlyDirectoryGivesAClearMessage() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(dir, SECRET)) {
      store.save(bytes("A"));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
      try {
        assumeThat(Files.isWritable(dir)).as("running as root: chmod does not bite").isFalse();
        assertThatThrownBy(() -> store.save(bytes("B")))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("read-only");
        assertThatLoad(store.load()).isCurrent("A");
      } finally {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  @Test
  void secondOpenOfTheSameDirectoryFailsFastUntilTheFirstCloses() throws Exception {
    FileTrustedStore first = FileTrustedStore.open(dir, SECRET);
    assertThatThrownBy(() -> FileTrustedStore.open(dir, SECRET))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("holds the store lock at " + dir.resolve("store.lock"))
        .hasMessageContaining("use another state directory");
    first.save(bytes("still mine"));
    first.close();
    try (FileTrustedStore second = FileTrustedStore.open(dir, SECRET)) {
      assertThatLoad(second.load()).isCurrent("still mine");
    }
  }

  @Test
  void refusedSecondOpenDoesNotReleaseTheFirstLock() throws Exception {
    try (FileTrustedStore first = FileTrustedStore.open(dir, SECRET)) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> FileTrustedStore.open(dir.resolve("."), SECRET))
            .hasMessageContaining("holds the store lock");
      }
      first.save(bytes("ok"));
    }
  }

  @Test
  void anotherProcessIsRefusedWhileTheStoreIsOpen() throws Exception {
    try (FileTrustedStore first = FileTrustedStore.open(dir, SECRET)) {
      assertThatThrownBy(() -> FileTrustedStore.open(dir, SECRET))
          .isInstanceOf(StoreException.class);
      assertThat(LockProbe.runAgainst(dir))
          .isEqualTo(
              "Another process holds the store lock at "
                  + dir.resolve("store.lock")
                  + ": stop the other agent or use another state directory.");
    }
    assertThat(LockProbe.runAgainst(dir)).isEqualTo("opened");
  }

  @Test
  void pathThatIsAFileCannotBeOpened() throws Exception {
    Path file = Files.write(dir.resolve("plain-file"), bytes("x"));
    assertThatThrownBy(() -> FileTrustedStore.open(file, SECRET))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("Cannot open the licensing store in " + file);
  }

  @Test
  void secretThatCannotBeReadFailsTheOpen() {
    DeviceSecret broken =
        () -> {
          throw new java.io.UncheckedIOException(new IOException("TPM not ready"));
        };
    assertThatThrownBy(() -> FileTrustedStore.open(dir, broken))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("device secret is unavailable", "TPM not ready");
  }

  @Test
  void directoryAndFilesAreOwnerOnly() throws Exception {
    Path state = dir.resolve("state");
    try (FileTrustedStore store = FileTrustedStore.open(state, SECRET)) {
      store.save(bytes("A"));
      store.save(bytes("B"));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state)))
        .isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(state)) {
      assertThat(files)
          .extracting(f -> f.getFileName() + " " + perms(f))
          .containsExactlyInAnyOrder(
              "state.cur rw-------",
              "state.prev rw-------",
              "store.initialised rw-------",
              "store.lock rw-------");
    }
  }

  private static String perms(Path file) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
