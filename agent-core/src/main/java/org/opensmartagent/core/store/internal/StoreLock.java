package org.opensmartagent.core.store.internal;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opensmartagent.core.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on a store directory for the life of one store, against other processes and
 * other stores in this JVM.
 *
 * <p>Locks held in this JVM are also tracked in a set, because on POSIX closing any channel on the
 * lock file would release the process's lock: a second store must be refused before it opens one.
 * Thread-safe.
 */
public final class StoreLock implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StoreLock.class);
  private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel;

  private StoreLock(Path key, FileChannel channel) {
    this.key = key;
    this.channel = channel;
  }

  /** Locks {@code lockFile}, whose directory must exist, or fails fast if someone else has it. */
  public static StoreLock acquire(Path lockFile) throws StoreException {
    Path key;
    try {
      key = lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
    } catch (IOException e) {
      throw StoreErrors.openFailed(lockFile.getParent(), e);
    }
    if (!HELD_IN_THIS_JVM.add(key)) {
      throw StoreErrors.lockedInThisProcess(lockFile);
    }
    try {
      return new StoreLock(key, lockChannel(lockFile));
    } catch (StoreException | RuntimeException e) {
      HELD_IN_THIS_JVM.remove(key);
      throw e;
    }
  }

  private static FileChannel lockChannel(Path lockFile) throws StoreException {
    FileChannel channel;
    try {
      channel = Permissions.openOwnerOnly(lockFile, CREATE, WRITE);
    } catch (IOException e) {
      throw StoreErrors.openFailed(lockFile.getParent(), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw StoreErrors.lockedInThisProcess(lockFile);
    } catch (IOException e) {
      closeQuietly(channel);
      throw StoreErrors.openFailed(lockFile.getParent(), e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw StoreErrors.lockedByOtherProcess(lockFile);
    }
    return channel;
  }

  /** Releases the lock. Call once. */
  @Override
  public void close() {
    closeQuietly(channel);
    HELD_IN_THIS_JVM.remove(key);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      log.warn("Could not close the store lock: {}", e.toString());
    }
  }
}
