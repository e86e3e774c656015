package org.opensmartagent.core.store.internal;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opensmartagent.core.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on a store directory for the life of one store, against other processes and
 * other stores in this JVM.
 *
 * <p>Deleting or replacing {@code store.lock} must not let a second process in beside the holder.
 * So after locking, the holder writes a stamp of random length through its locked channel and
 * checks that the file at the path is the one it opened (same file key before opening and after
 * locking, and the stamp's length), retrying if the file was swapped; and before every commit
 * {@link #verify} checks that the path still names that file. If the file was swapped while held,
 * the holder takes the new file's lock when it is free, and otherwise refuses to commit: whoever
 * locked the new file owns the store. The path is only ever examined with {@code stat}, never
 * opened again, because on POSIX closing a second descriptor of the file would drop the lock.
 *
 * <p>Locks held in this JVM are also tracked in a set, because on POSIX closing any channel on the
 * lock file would release the process's lock: a second store must be refused before it opens one.
 * Thread-safe.
 */
public final class StoreLock implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StoreLock.class);
  private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
  private static final int ATTEMPTS = 5;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path key;
  private final Path lockFile;
  private FileChannel channel;
  private Optional<Object> fileKey;

  private StoreLock(Path key, Path lockFile, FileChannel channel, Optional<Object> fileKey) {
    this.key = key;
    this.lockFile = lockFile;
    this.channel = channel;
    this.fileKey = fileKey;
  }

  /** Locks {@code lockFile}, whose directory must exist, or fails fast if someone else has it. */
  public static StoreLock acquire(Path lockFile) throws StoreException {
    return acquire(lockFile, Duration.ZERO);
  }

  /**
   * Locks {@code lockFile}, whose directory must exist, waiting up to {@code wait} for another
   * process to release it. Another store in this JVM is refused at once.
   */
  public static StoreLock acquire(Path lockFile, Duration wait) throws StoreException {
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
      long deadline = System.nanoTime() + wait.toNanos();
      for (int attempt = 1; ; attempt++) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        Optional<Attributes> before = attributes(lockFile);
        FileChannel channel = lockChannel(lockFile, left, wait);
        Optional<Optional<Object>> held = lockedFileAtPath(lockFile, before, stamp(channel));
        if (held.isPresent()) {
          return new StoreLock(key, lockFile, channel, held.get());
        }
        closeQuietly(channel);
        if (attempt == ATTEMPTS) {
          throw StoreErrors.lockSwapped(lockFile);
        }
        log.debug("{} was replaced while being locked; locking again", lockFile);
      }
    } catch (StoreException | RuntimeException e) {
      HELD_IN_THIS_JVM.remove(key);
      throw e;
    }
  }

  /**
   * Checks that the file at the lock path is still the one this lock holds. If it was deleted or
   * replaced, locks the file now at the path when no one else holds it; otherwise throws, and the
   * caller must not write the store.
   */
  public synchronized void verify() throws StoreException {
    if (fileKey.isEmpty() || attributes(lockFile).flatMap(Attributes::key).equals(fileKey)) {
      return;
    }
    log.warn("{} was deleted or replaced while this agent held it; locking it again", lockFile);
    Optional<Attributes> before = attributes(lockFile);
    FileChannel fresh;
    try {
      fresh = lockChannel(lockFile, Duration.ZERO, Duration.ZERO);
    } catch (StoreException e) {
      throw StoreErrors.lockSwapped(lockFile);
    }
    Optional<Optional<Object>> held = lockedFileAtPath(lockFile, before, stamp(fresh));
    if (held.isEmpty()) {
      closeQuietly(fresh);
      throw StoreErrors.lockSwapped(lockFile);
    }
    closeQuietly(channel);
    channel = fresh;
    fileKey = held.get();
  }

  /** A file's identity (device and inode on POSIX; absent elsewhere) and size, from stat. */
  private record Attributes(Optional<Object> key, long size) {}

  private static Optional<Attributes> attributes(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return Optional.of(new Attributes(Optional.ofNullable(a.fileKey()), a.size()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * If the file at the path is the one just locked and stamped with {@code length} bytes, returns
   * its key (empty where the platform has none); otherwise empty: the file was swapped.
   */
  private static Optional<Optional<Object>> lockedFileAtPath(
      Path lockFile, Optional<Attributes> before, int length) {
    Optional<Attributes> after = attributes(lockFile);
    if (after.isEmpty()) {
      return Optional.empty();
    }
    Optional<Object> key = after.get().key();
    if (key.isEmpty()) {
      return Optional.of(key); // no file keys here (Windows): nothing to compare
    }
    boolean sameAsOpened = before.isEmpty() || before.get().key().equals(key);
    return sameAsOpened && after.get().size() == length ? Optional.of(key) : Optional.empty();
  }

  /** Locks the file, waiting up to {@code wait} of the caller's {@code total}. */
  private static FileChannel lockChannel(Path lockFile, Duration wait, Duration total)
      throws StoreException {
    FileChannel channel;
    try {
      channel = Permissions.openOwnerOnly(lockFile, CREATE, READ, WRITE);
    } catch (IOException e) {
      throw StoreErrors.openFailed(lockFile.getParent(), e);
    }
    Optional<FileLock> lock;
    try {
      lock = Optional.ofNullable(channel.tryLock());
      if (lock.isEmpty() && !wait.isZero()) {
        log.info(
            "Waiting up to {} ms for another process to release the store lock {}",
            wait.toMillis(),
            lockFile);
        lock = lockWithin(channel, wait);
      }
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw StoreErrors.lockedInThisProcess(lockFile);
    } catch (IOException e) {
      closeQuietly(channel);
      throw StoreErrors.openFailed(lockFile.getParent(), e);
    }
    if (lock.isEmpty()) {
      closeQuietly(channel);
      throw StoreErrors.lockedByOtherProcess(lockFile, total);
    }
    return channel;
  }

  /** Blocks in {@link FileChannel#lock()} on a helper thread for at most {@code wait}. */
  private static Optional<FileLock> lockWithin(FileChannel channel, Duration wait)
      throws IOException {
    CompletableFuture<FileLock> pending = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                pending.complete(channel.lock());
              } catch (IOException | RuntimeException e) {
                pending.completeExceptionally(e);
              }
            },
            "store-lock-wait");
    waiter.setDaemon(true);
    waiter.start();
    try {
      return Optional.of(pending.get(wait.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      channel.close(); // aborts the blocked lock()
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.close();
      return Optional.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }

  /**
   * Writes the pid (for people) and a random number of random bytes into the locked file through
   * its channel, and returns the length written.
   */
  private static int stamp(FileChannel channel) throws StoreException {
    byte[] random = new byte[8 + RANDOM.nextInt(120)];
    RANDOM.nextBytes(random);
    String text =
        "locked by process "
            + ProcessHandle.current().pid()
            + " "
            + HexFormat.of().formatHex(random);
    byte[] nonce = (text + "\n").getBytes(StandardCharsets.US_ASCII);
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(nonce), 0);
      channel.force(false);
      return nonce.length;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("Cannot write the store lock file: " + e.getMessage(), e);
    }
  }

  /** Releases the lock. Call once. */
  @Override
  public synchronized void close() {
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
