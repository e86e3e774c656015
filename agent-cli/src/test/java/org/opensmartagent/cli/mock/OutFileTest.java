package org.opensmartagent.cli.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.cli.config.OwnerOnly;

/**
 * What {@code mock-cssm tokens create --out FILE} (and the reservation commands' {@code --out})
 * leave on disk: a registration token is a secret, so the file is owner-only whatever was there.
 */
class OutFileTest {
  @TempDir Path tmp;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aTokenFileIsOwnerOnly() throws Exception {
    Path out = tmp.resolve("token.txt");

    OutFile.write(out, "SECRET-TOKEN");

    assertThat(Files.readString(out)).isEqualTo("SECRET-TOKEN" + System.lineSeparator());
    assertThat(mode(out)).isEqualTo("rw-------");
    try (var left = Files.list(tmp)) {
      assertThat(left).containsExactly(out); // no temp file left behind
    }
  }

  @Test
  void aReadableFileOfThatNameIsReplacedByAnOwnerOnlyOne() throws Exception {
    Path out = Files.writeString(tmp.resolve("token.txt"), "old");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));

    OutFile.write(out, "SECRET-TOKEN");

    assertThat(Files.readString(out)).startsWith("SECRET-TOKEN");
    assertThat(mode(out)).isEqualTo("rw-------");
  }

  @Test
  void aLinkIsReplacedNotWrittenThrough() throws Exception {
    Path elsewhere = Files.writeString(tmp.resolve("readable-by-all"), "theirs");
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-r--r--"));
    Path out = Files.createSymbolicLink(tmp.resolve("token.txt"), elsewhere);

    OutFile.write(out, "SECRET-TOKEN");

    assertThat(Files.readString(elsewhere)).isEqualTo("theirs");
    assertThat(Files.isSymbolicLink(out)).isFalse();
    assertThat(mode(out)).isEqualTo("rw-------");
  }

  @Test
  void noFileNeedsNoCheck() {
    OutFile.check(Optional.empty());
  }

  @Test
  void aLinkToACharacterDeviceIsWrittenThroughNotReplaced() throws Exception {
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));
    Path out = Files.createSymbolicLink(tmp.resolve("token.txt"), devNull);

    OutFile.check(Optional.of(out));
    OutFile.write(out, "SECRET-TOKEN");

    assertThat(Files.isSymbolicLink(out)).isTrue();
    assertThat(Files.readSymbolicLink(out)).isEqualTo(devNull);
    assertThat(Files.isRegularFile(devNull)).isFalse();
    try (var left = Files.list(tmp)) {
      assertThat(left).containsExactly(out);
    }
  }

  @Test
  void aFifoIsWrittenThrough() throws Exception {
    Path fifo = tmp.resolve("token.fifo");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
    CompletableFuture<String> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readString(fifo); // opens once the writer does, reads to its close
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    OutFile.write(fifo, "SECRET-TOKEN");

    assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo("SECRET-TOKEN" + System.lineSeparator());
    assertThat(Files.isRegularFile(fifo)).isFalse();
    assertThat(Files.exists(fifo)).isTrue();
  }

  /**
   * {@code /dev/stdout} redirected to a file is a link into {@code /proc} that reaches a regular
   * file: it is this process's own open file, written through, and the link is never replaced.
   */
  @Test
  void aLinkToThisProcesssOwnOpenFileIsWrittenThrough() throws Exception {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds));
    Path redirected = Files.writeString(tmp.resolve("redirected.txt"), "before\n");
    try (var open = Files.newOutputStream(redirected, StandardOpenOption.APPEND);
        var listed = Files.list(fds)) {
      Path fd =
          listed
              .filter(p -> redirected.equals(target(p)))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no open file descriptor for " + redirected));
      Path stdout = Files.createSymbolicLink(tmp.resolve("stdout"), fds.resolve(fd.getFileName()));

      OutFile.write(stdout, "SECRET-TOKEN");

      assertThat(Files.isSymbolicLink(stdout)).isTrue();
      assertThat(Files.readString(redirected))
          .isEqualTo("before\n" + "SECRET-TOKEN" + System.lineSeparator());
    }
  }

  private static Path target(Path link) {
    try {
      return Files.readSymbolicLink(link);
    } catch (Exception e) {
      return null;
    }
  }

  @Test
  void aNameNear255BytesStillGetsItsTempFile() throws Exception {
    Path out = tmp.resolve("é".repeat(60) + "t".repeat(130)); // 250 bytes

    OutFile.write(out, "SECRET-TOKEN");

    assertThat(Files.readString(out)).startsWith("SECRET-TOKEN");
    assertThat(mode(out)).isEqualTo("rw-------");
  }

  @Test
  void twoTempFilesInOneDirectoryNeverShareAName() throws Exception {
    Path a = OwnerOnly.createTempFile(tmp, "token.txt");
    Path b = OwnerOnly.createTempFile(tmp, "token.txt");

    assertThat(a).isNotEqualTo(b);
    assertThat(a.getFileName().toString()).startsWith(".token.txt").endsWith(".tmp");
    assertThat(mode(a)).isEqualTo("rw-------");
  }

  @Test
  void aMissingDirectoryOrADirectoryIsAClearErrorBeforeAnythingIsMade() {
    assertThatThrownBy(() -> OutFile.check(Optional.of(tmp.resolve("no/such/token.txt"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no/such/token.txt")
        .hasMessageContaining("no such directory")
        .hasMessageContaining("give --out a file in a directory that exists");
    assertThatThrownBy(() -> OutFile.check(Optional.of(tmp)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a directory");
  }
}
