package org.opensmartagent.core.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.opensmartagent.core.store.internal.FileOps;
import org.opensmartagent.core.store.internal.GenerationCodec;
import org.opensmartagent.core.store.internal.Permissions;
import org.opensmartagent.core.store.internal.Snapshot;
import org.opensmartagent.core.store.internal.StoreErrors;
import org.opensmartagent.core.store.internal.StoreFiles;
import org.opensmartagent.core.store.internal.StoreLock;
import org.opensmartagent.core.store.internal.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TrustedStore} in a directory: {@code state.cur} holds the newest generation, {@code
 * state.prev} the one before, each authenticated with HMAC-SHA256 under the {@link DeviceSecret}.
 *
 * <p>A save writes and fsyncs {@code state.tmp}, renames {@code state.cur} to {@code state.prev}
 * and {@code state.tmp} to {@code state.cur}, fsyncs the directory, then advances the {@link
 * RollbackGuard} to the new generation. The store holds an exclusive lock on {@code store.lock}
 * from {@link #open} until {@link #close}, so a second agent on the same directory fails (or waits
 * a bounded time, see {@link Builder#lockWait}); deleting the lock file does not let a second one
 * in. Every file and directory it creates is owner-only from the moment it exists (0600 and 0700
 * where POSIX permissions exist). Methods are synchronized. Payload bytes and the secret are never
 * logged.
 *
 * <p>On load, the generation found is judged against the rollback counter (an older one loads as
 * {@link StoreLoad.Status#RESTORED}) and an empty directory on a device that was initialised
 * before, by the counter or the {@linkplain DeviceSecret#existedBefore device secret}, loads as
 * {@link StoreLoad.Status#CORRUPT} rather than as a first boot.
 */
public final class FileTrustedStore implements TrustedStore {

  private static final Logger log = LoggerFactory.getLogger(FileTrustedStore.class);
  private static final byte[] MARKER_CONTENT =
      "initialised by Open Smart Agent; do not delete\n".getBytes(StandardCharsets.US_ASCII);

  private final StoreFiles files;
  private final FileOps ops;
  private final GenerationCodec codec;
  private final StoreLock lock;
  private final Optional<RollbackGuard> guard;
  private final boolean secretExisted;
  private boolean closed;

  private FileTrustedStore(Builder b, GenerationCodec codec, StoreLock lock, boolean existed) {
    this.files = new StoreFiles(b.directory);
    this.ops = b.ops;
    this.codec = codec;
    this.lock = lock;
    this.guard = b.guard();
    this.secretExisted = existed;
  }

  /**
   * Opens the store in {@code directory}, creating it (0700) if missing, and locks it, with the
   * software rollback counter at {@link RollbackGuard#defaultFileFor}. Throws {@link
   * StoreException} if another agent holds the lock or the directory is unusable.
   */
  public static FileTrustedStore open(Path directory, DeviceSecret secret) throws StoreException {
    return builder(directory, secret).open();
  }

  /**
   * Like {@link #open(Path, DeviceSecret)} with every file operation routed through {@code ops}.
   */
  static FileTrustedStore open(Path directory, DeviceSecret secret, FileOps ops)
      throws StoreException {
    return builder(directory, secret).fileOps(ops).open();
  }

  /** A builder for a store in {@code directory} keyed by {@code secret}. */
  public static Builder builder(Path directory, DeviceSecret secret) {
    return new Builder(directory, secret);
  }

  @Override
  public synchronized StoreLoad load() throws StoreException {
    checkOpen();
    StoreLoad found = snapshot().toLoad(files);
    OptionalLong counter = readCounter();
    StoreLoad result = Verdict.judge(found, counter, secretExisted, files);
    if (result.status() != StoreLoad.Status.RESTORED
        && counter.isPresent()
        && result.generation() > counter.getAsLong()) {
      advanceCounter(result.generation()); // the last save stopped before advancing it
    }
    switch (result.status()) {
      case RECOVERED_FROM_PREVIOUS ->
          log.warn("Licensing store in {} recovered: {}", files.directory(), result.detail());
      case RESTORED ->
          log.error("Licensing store in {} was restored: {}", files.directory(), result.detail());
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
    lock.verify();
    Snapshot before = snapshot();
    long generation = Math.max(before.lastGeneration(), readCounter().orElse(0)) + 1;
    commit(codec.encode(generation, payload), before.currentIsValid());
    makeDurable(before.initialised());
    advanceCounter(generation);
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

  private OptionalLong readCounter() throws StoreException {
    if (guard.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(guard.get().read());
    } catch (IOException | RuntimeException e) {
      throw StoreErrors.counterUnavailable(files.directory(), guard.get(), e);
    }
  }

  /**
   * Advances the counter after a commit. A failure is logged, not thrown: the generation is
   * committed, and the next load or save advances the counter (a generation one ahead of it is
   * accepted).
   */
  private void advanceCounter(long generation) {
    guard.ifPresent(
        g -> {
          try {
            g.advanceTo(generation);
          } catch (IOException | RuntimeException e) {
            log.warn("Could not advance {} to {}: {}", g, generation, e.toString());
          }
        });
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

  /** Configures and opens a {@link FileTrustedStore}. */
  public static final class Builder {
    private final Path directory;
    private final DeviceSecret secret;
    private Optional<RollbackGuard> guard = Optional.empty();
    private boolean guarded = true;
    private Duration lockWait = Duration.ZERO;
    private FileOps ops = FileOps.SYSTEM;

    private Builder(Path directory, DeviceSecret secret) {
      this.directory = requireNonNull(directory, "directory == null");
      this.secret = requireNonNull(secret, "secret == null");
    }

    private Optional<RollbackGuard> guard() {
      if (!guarded) {
        return Optional.empty();
      }
      return Optional.of(
          guard.orElseGet(() -> RollbackGuard.fileAt(RollbackGuard.defaultFileFor(directory))));
    }

    /**
     * The counter that recognises an older copy of the store. Default: the software counter at
     * {@link RollbackGuard#defaultFileFor}. Give a hardware-backed one where you can.
     */
    public Builder rollbackGuard(RollbackGuard guard) {
      this.guard = Optional.of(requireNonNull(guard, "guard == null"));
      this.guarded = true;
      return this;
    }

    /**
     * Keeps no rollback counter: an older copy of the store put back loads as current. For tests
     * and devices whose store cannot be copied.
     */
    public Builder withoutRollbackGuard() {
      this.guarded = false;
      return this;
    }

    /**
     * How long {@link #open} waits for another process to release the store lock before failing.
     * Default zero: fail at once.
     */
    public Builder lockWait(Duration wait) {
      requireNonNull(wait, "wait == null");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("wait < 0: " + wait);
      }
      this.lockWait = wait;
      return this;
    }

    Builder fileOps(FileOps ops) {
      this.ops = requireNonNull(ops, "ops == null");
      return this;
    }

    /**
     * Opens the store, creating the directory (0700) if missing, and locks it. Throws {@link
     * StoreException} if another agent still holds the lock after {@link #lockWait}, or the
     * directory is unusable.
     */
    public FileTrustedStore open() throws StoreException {
      GenerationCodec codec = GenerationCodec.keyedBy(readSecret(directory, secret));
      boolean existed = secret.existedBefore();
      try {
        Permissions.createOwnerOnlyDirectories(directory);
      } catch (IOException e) {
        throw StoreErrors.openFailed(directory, e);
      }
      StoreLock lock = StoreLock.acquire(new StoreFiles(directory).lock(), lockWait);
      try {
        ops.deleteIfExists(new StoreFiles(directory).temp());
      } catch (IOException e) {
        lock.close();
        throw StoreErrors.openFailed(directory, e);
      }
      return new FileTrustedStore(this, codec, lock, existed);
    }

    /**
     * Opens a read-only view of the last committed generation: it takes no lock, never waits for
     * one, and never writes a file, not even the device secret, so it works while an agent holds
     * the store. {@link TrustedStore#save} keeps the payload in this object only. For status
     * screens: run no operation on an agent built on it.
     */
    public TrustedStore openReadOnly() throws StoreException {
      return ReadOnlyFileStore.open(directory, secret, guard(), ops);
    }
  }

  static byte[] readSecret(Path directory, DeviceSecret secret) throws StoreException {
    try {
      return secret.bytes();
    } catch (UncheckedIOException e) {
      throw StoreErrors.secretUnavailable(directory, e);
    }
  }
}
