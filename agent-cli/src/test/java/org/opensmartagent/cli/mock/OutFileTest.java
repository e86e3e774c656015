package org.opensmartagent.cli.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    assertThat(AdminCommand.writeTo(Optional.of(out), "SECRET-TOKEN")).isTrue();

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

    AdminCommand.writeTo(Optional.of(out), "SECRET-TOKEN");

    assertThat(Files.readString(out)).startsWith("SECRET-TOKEN");
    assertThat(mode(out)).isEqualTo("rw-------");
  }

  @Test
  void aLinkIsReplacedNotWrittenThrough() throws Exception {
    Path elsewhere = Files.writeString(tmp.resolve("readable-by-all"), "theirs");
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-r--r--"));
    Path out = Files.createSymbolicLink(tmp.resolve("token.txt"), elsewhere);

    AdminCommand.writeTo(Optional.of(out), "SECRET-TOKEN");

    assertThat(Files.readString(elsewhere)).isEqualTo("theirs");
    assertThat(Files.isSymbolicLink(out)).isFalse();
    assertThat(mode(out)).isEqualTo("rw-------");
  }

  @Test
  void noFileMeansPrintIt() {
    assertThat(AdminCommand.writeTo(Optional.empty(), "SECRET-TOKEN")).isFalse();
  }

  @Test
  void aMissingDirectoryOrADirectoryIsAClearError() {
    assertThatThrownBy(
            () -> AdminCommand.writeTo(Optional.of(tmp.resolve("no/such/token.txt")), "T"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no/such/token.txt")
        .hasMessageContaining("no such directory")
        .hasMessageContaining("give --out a file in a directory that exists");
    assertThatThrownBy(() -> AdminCommand.writeTo(Optional.of(tmp), "T"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a directory");
  }
}
