package org.opensmartagent.core.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.opensmartagent.core.store.DeviceSecret;

/**
 * A random 32-byte secret kept in a file: created owner-only on first use (temp file, fsync,
 * rename), read afterwards and cached. Thread-safe.
 */
public final class SecretFile implements DeviceSecret {

  public static final String FILE_NAME = "device.secret";
  static final int LENGTH = 32;

  private final Path file;
  private final SecureRandom random;
  private byte[] cached;
  private boolean createdHere;

  public SecretFile(Path file, SecureRandom random) {
    this.file = file;
    this.random = random;
  }

  /** Returns the secret, creating the file first if needed; throws UncheckedIOException. */
  @Override
  public synchronized byte[] bytes() {
    if (cached == null) {
      try {
        cached = readOrCreate();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read or create the device secret " + file, e);
      }
    }
    return cached.clone();
  }

  /** True once the secret was read and this instance did not create its file. */
  @Override
  public synchronized boolean existedBefore() {
    return cached != null && !createdHere;
  }

  /** True if the file exists; creates nothing. */
  public boolean exists() {
    return Files.exists(file);
  }

  public Path file() {
    return file;
  }

  private byte[] readOrCreate() throws IOException {
    if (!Files.exists(file)) {
      createdHere = create();
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length != LENGTH) {
      throw new IOException(
          file
              + " holds "
              + bytes.length
              + " bytes instead of "
              + LENGTH
              + ": it is damaged. Restore it from a backup; a new secret cannot read the"
              + " existing store");
    }
    return bytes;
  }

  /** Returns false if another process created the file first. */
  private boolean create() throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Permissions.createOwnerOnlyDirectories(directory);
    byte[] secret = new byte[LENGTH];
    random.nextBytes(secret);
    Path temp = Files.createTempFile(directory, FILE_NAME, ".tmp");
    try {
      FileOps.SYSTEM.writeAndSync(temp, secret);
      Files.move(temp, file);
      FileOps.SYSTEM.syncDirectory(directory);
      return true;
    } catch (FileAlreadyExistsException raced) {
      return false; // another process created it first; use theirs
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
