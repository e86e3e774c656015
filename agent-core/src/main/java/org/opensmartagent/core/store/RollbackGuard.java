package org.opensmartagent.core.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import org.opensmartagent.core.store.internal.CounterFile;

/**
 * A monotonic counter kept outside the store directory, so that an older copy of the store put back
 * in place is recognised. {@link FileTrustedStore} advances it to the number of every generation it
 * commits (each reservation installed or returned, each evaluation checkpoint, every other save)
 * and, on load, compares the generation it finds with it: an older generation loads as {@link
 * StoreLoad.Status#RESTORED} and grants nothing it did not grant before.
 *
 * <p>Firmware should back it with hardware that a copy of the disk cannot roll back: a TPM NV
 * counter, a secure element's monotonic counter, a write-once region. Such a counter usually starts
 * at an arbitrary value and can only be incremented; the implementation then reports its value
 * minus the value it had when the device was provisioned, and {@link #advanceTo} increments until
 * the target is reached (the store advances by one per save).
 *
 * <p>{@link #fileAt} is the software default. It only helps against someone who restores the store
 * directory but not the counter file; docs/reliability.md says exactly what it does and does not
 * detect. Implementations must be safe for concurrent use.
 */
public interface RollbackGuard {

  /** Returns the counter: 0 on a device that never committed a generation. */
  long read() throws IOException;

  /**
   * Raises the counter to {@code value} if it is lower, and never lowers it. When this returns the
   * new value is durable.
   */
  void advanceTo(long value) throws IOException;

  /**
   * The software default: the counter in {@code file}, written owner-only with a temp file, fsync
   * and rename. A missing or unreadable file reads as 0, which makes a non-empty store load as
   * restored: deleting the counter does not open the door to a rollback.
   */
  static RollbackGuard fileAt(Path file) {
    requireNonNull(file, "file == null");
    return new CounterFile(file);
  }

  /**
   * Where {@link FileTrustedStore#open(Path, DeviceSecret)} keeps the software counter for a store
   * in {@code storeDirectory}: the file {@code <name>.rollback} next to the directory, in its
   * parent. For {@code /var/lib/agent/store} that is {@code /var/lib/agent/store.rollback}, which a
   * copy of {@code store/} does not restore. Put it elsewhere with {@link
   * FileTrustedStore.Builder#rollbackGuard} when the parent is restored as a whole.
   */
  static Path defaultFileFor(Path storeDirectory) {
    Path absolute = storeDirectory.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent == null || absolute.getFileName() == null) {
      throw new IllegalArgumentException(
          "The store directory "
              + storeDirectory
              + " has no parent to keep the rollback counter in; give one with rollbackGuard(...)");
    }
    return parent.resolve(absolute.getFileName() + ".rollback");
  }
}
