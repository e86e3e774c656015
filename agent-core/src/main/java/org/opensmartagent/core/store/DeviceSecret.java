package org.opensmartagent.core.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.opensmartagent.core.store.internal.SecretFile;

/**
 * The key that authenticates every generation the store writes (HMAC-SHA256). Firmware should
 * supply a secret bound to the hardware, for example one derived from a TPM or a fused device key.
 *
 * <p>{@link #bytes()} must return a fresh array of at least {@value #MINIMUM_LENGTH} bytes and the
 * same bytes on every call; it may throw {@link java.io.UncheckedIOException} if the secret cannot
 * be read.
 */
@FunctionalInterface
public interface DeviceSecret {

  /** The shortest secret accepted, in bytes. */
  int MINIMUM_LENGTH = 16;

  /** Returns the secret. Callers may overwrite the returned array. */
  byte[] bytes();

  /**
   * True if the secret existed before this process first asked for it, so the device was
   * initialised earlier: a store that then finds no state at all was deleted, and loads as {@link
   * StoreLoad.Status#CORRUPT} instead of as a first boot. The default, false, means "unknown". A
   * hardware-bound secret that is created (sealed) at first boot should return true after that
   * boot; since it cannot be deleted, deleting the store files never starts a fresh evaluation.
   */
  default boolean existedBefore() {
    return false;
  }

  /** A fixed secret. The bytes are copied; at least {@value #MINIMUM_LENGTH} are required. */
  static DeviceSecret of(byte[] bytes) {
    requireNonNull(bytes, "bytes == null");
    if (bytes.length < MINIMUM_LENGTH) {
      throw new IllegalArgumentException("bytes.length < " + MINIMUM_LENGTH + ": " + bytes.length);
    }
    byte[] copy = bytes.clone();
    return copy::clone;
  }

  /**
   * The default secret: 32 random bytes kept in {@code device.secret} inside {@code directory},
   * created owner-only on first use and read afterwards.
   *
   * <p>It detects torn writes, disk corruption and casual edits of the store files. It does not
   * stop anyone who can read {@code device.secret} (root, or a copy of the disk) from forging a
   * store. While the file exists the device counts as initialised ({@link #existedBefore}), so
   * deleting the store files alone does not start a fresh evaluation; deleting the whole directory
   * and the rollback counter does. Supply a hardware-bound secret where that matters. Losing or
   * replacing the file makes the existing store unreadable ({@link StoreLoad.Status#CORRUPT}).
   */
  static DeviceSecret randomFileIn(Path directory) {
    requireNonNull(directory, "directory == null");
    return new SecretFile(directory.resolve(SecretFile.FILE_NAME), new SecureRandom());
  }
}
