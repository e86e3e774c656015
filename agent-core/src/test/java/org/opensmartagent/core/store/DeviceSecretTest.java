package org.opensmartagent.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceSecretTest {

  @TempDir Path dir;

  @Test
  void fixedSecretIsCopied() {
    byte[] key = new byte[16];
    DeviceSecret secret = DeviceSecret.of(key);
    key[0] = 1;
    secret.bytes()[1] = 1;
    assertThat(secret.bytes()).isEqualTo(new byte[16]);
  }

  @Test
  void fixedSecretNeedsSixteenBytes() {
    assertThatThrownBy(() -> DeviceSecret.of(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bytes.length < 16: 15");
    assertThatThrownBy(() -> DeviceSecret.of(null)).hasMessage("bytes == null");
  }

  @Test
  void randomFileIsCreatedOwnerOnlyOnFirstUse() throws Exception {
    DeviceSecret secret = DeviceSecret.randomFileIn(dir.resolve("secrets"));
    assertThat(dir.resolve("secrets")).doesNotExist();
    byte[] bytes = secret.bytes();
    Path file = dir.resolve("secrets/device.secret");
    assertThat(bytes).hasSize(32).isEqualTo(Files.readAllBytes(file));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void randomFileIsReadBackAfterwards() {
    byte[] first = DeviceSecret.randomFileIn(dir).bytes();
    assertThat(DeviceSecret.randomFileIn(dir).bytes()).isEqualTo(first);
    assertThat(first).isNotEqualTo(new byte[32]);
  }

  @Test
  void damagedSecretFileIsReportedNotReplaced() throws Exception {
    Files.write(dir.resolve("device.secret"), new byte[5]);
    assertThatThrownBy(() -> DeviceSecret.randomFileIn(dir).bytes())
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage(
            dir.resolve("device.secret")
                + " holds 5 bytes instead of 32: it is damaged. Restore it from a backup;"
                + " a new secret cannot read the existing store");
    assertThat(Files.size(dir.resolve("device.secret"))).isEqualTo(5);
  }

  @Test
  void storeOpensWithTheDefaultSecretInItsOwnDirectory() throws Exception {
    try (FileTrustedStore store = FileTrustedStore.open(dir, DeviceSecret.randomFileIn(dir))) {
      store.save(StoreTesting.bytes("A"));
    }
    try (FileTrustedStore store = FileTrustedStore.open(dir, DeviceSecret.randomFileIn(dir))) {
      StoreLoadAssert.assertThatLoad(store.load()).isCurrent("A");
    }
  }
}
