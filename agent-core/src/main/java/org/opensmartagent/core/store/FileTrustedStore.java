package org.opensmartagent.core.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.opensmartagent.core.store.internal.FileOps;
import org.opensmartagent.core.store.internal.GenerationCodec;
import org.opensmartagent.core.store.internal.Permissions;
import org.opensmartagent.core.store.internal.Snapshot;
import org.opensmartagent.core.store.internal.StoreErrors;
import org.opensmartagent.core.store.internal.StoreFiles;
import org.opensmartagent.core.store.internal.StoreLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TrustedStore} in a directory: {@code state.cur} holds the newest generation, {@code
 * state.prev} the one before, each authenticated with HMAC-SHA256 under the {@link DeviceSecret}.
 *
 * <p>A save writes and fsyncs {@code state.tmp}, renames {@code state.cur} to {@code state.prev}
 * and {@code state.tmp} to {@code state.cur}, then fsyncs the directory. The store holds an
 * exclusive lock on {@code store.lock} from {@link #open} until {@link #close}, so a second agent
 * on the same directory fails fast. Files are owner-only where POSIX permissions exist. Methods are
 * synchronized. Payload bytes and the secret are never logged.
 */
public final class FileTrustedStore implements TrustedStore {

  private static final Logger log = LoggerFactory.getLogger(FileTrustedStore.class);
  private static final byte[] MARKER_CONTENT =
      "initialised by Open Smart Agent; do not delete\n".getBytes(StandardCharsets.US_ASCII);

  private final StoreFiles files;
  private final FileOps ops;
  private final GenerationCodec codec;
  private final StoreLock lock;
  private boolean closed;

  private FileTrustedStore(StoreFiles files, FileOps ops, GenerationCodec codec, StoreLock lock) {
    this.files = files;
    this.ops = ops;
    this.codec = codec;
    this.lock = lock;
  }

  /**
   * Opens the store in {@code directory}, creating it (0700) if missing, and locks it. Throws
   * {@link StoreException} if another agent holds the lock or the directory is unusable.
   */
  public static FileTrustedStore open(Path directory, DeviceSecret secret) throws StoreException {
    return open(directory, secret, FileOps.SYSTEM);
  }

  /**
   * Like {@link #open(Path, DeviceSecret)} with every file operation routed through {@code ops}.
   */
  static FileTrustedStore open(Path directory, DeviceSecret secret, FileOps ops)
      throws StoreException {
    requireNonNull(directory, "directory == null");
    requireNonNull(secret, "secret == null");
    requireNonNull(ops, "ops == null");
    GenerationCodec codec = GenerationCodec.keyedBy(readSecret(directory, secret));
    StoreFiles files = new StoreFiles(directory);
    try {
      Permissions.createOwnerOnlyDirectories(directory);
    } catch (IOException e) {
      throw StoreErrors.openFailed(directory, e);
    }
    StoreLock lock = StoreLock.acquire(files.lock());
    try {
      ops.deleteIfExists(files.temp());
    } catch (IOException e) {
      lock.close();
      throw StoreErrors.openFailed(directory, e);
    }
    return new FileTrustedStore(files, ops, codec, lock);
  }

  private static byte[] readSecret(Path directory, DeviceSecret secret) throws StoreException {
    try {
      return secret.bytes();
    } catch (UncheckedIOException e) {
      throw StoreErrors.secretUnavailable(directory, e);
    }
  }

  @Override
  public synchronized StoreLoad load() throws StoreException {
    checkOpen();
    StoreLoad result = snapshot().toLoad(files);
    switch (result.status()) {
      case RECOVERED_FROM_PREVIOUS ->
          log.warn("Licensing store in {} recovered: {}", files.directory(), result.detail());
      case CORRUPT ->
          log.error("Licensing store in {} is corrupt: {}", files.directory(), result.detail());
      default -> log.debug("Loaded licensing store in {}: {}", files.directory(), result.detail());
    }
    return result;
  }

  @Override
  public synchronized void save(byte[] payload) throws StoreException {
    requireNonNull(payload, "payload == null");
    checkOpen();
    Snapshot before = snapshot();
    long generation = before.lastGeneration() + 1;
    commit(codec.encode(generation, payload), before.currentIsValid());
    makeDurable(before.initialised());
    log.debug(
        "Saved generation {} ({} bytes) in {}", generation, payload.length, files.directory());
  }

  /** Everything up to and including the rename that makes the new generation current. */
  private void commit(byte[] encoded, boolean keepCurrentAsPrevious) throws StoreException {
    try {
      ops.writeAndSync(files.temp(), encoded);
      if (keepCurrentAsPrevious) {
        ops.atomicMove(files.current(), files.previous());
      }
      ops.atomicMove(files.temp(), files.current());
    } catch (IOException e) {
      throw StoreErrors.writeFailed(files.directory(), e);
    }
  }

  /** Flushes the renames, then records (once) that the store has been initialised. */
  private void makeDurable(boolean initialised) throws StoreException {
    try {
      ops.syncDirectory(files.directory());
      if (!initialised) {
        ops.writeAndSync(files.marker(), MARKER_CONTENT);
        ops.syncDirectory(files.directory());
      }
    } catch (IOException e) {
      throw StoreErrors.notDurable(files.directory(), e);
    }
  }

  private Snapshot snapshot() throws StoreException {
    try {
      return Snapshot.read(ops, files, codec);
    } catch (IOException e) {
      throw StoreErrors.readFailed(files.directory(), e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed: " + files.directory());
    }
  }

  /** Releases the directory lock. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      lock.close();
    }
  }

  @Override
  public String toString() {
    return "FileTrustedStore[" + files.directory() + "]";
  }
}
