package org.opensmartagent.core.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.opensmartagent.core.store.internal.FileOps;
import org.opensmartagent.core.store.internal.GenerationCodec;
import org.opensmartagent.core.store.internal.SecretFile;
import org.opensmartagent.core.store.internal.Snapshot;
import org.opensmartagent.core.store.internal.StoreErrors;
import org.opensmartagent.core.store.internal.StoreFiles;
import org.opensmartagent.core.store.internal.Verdict;

/**
 * The read-only view behind {@link FileTrustedStore.Builder#openReadOnly}: reads the last committed
 * generation without the lock, judged like the writer judges it but without advancing the counter.
 * A save is kept in this object only. Methods are synchronized.
 */
final class ReadOnlyFileStore implements TrustedStore {

  /** A reader can land between the writer's two renames; reading again sees the commit. */
  private static final int READS = 3;

  private final StoreFiles files;
  private final FileOps ops;
  private final Optional<GenerationCodec> codec;
  private final Optional<RollbackGuard> guard;
  private final boolean secretExisted;
  private Optional<StoreLoad> saved = Optional.empty();
  private boolean closed;

  private ReadOnlyFileStore(
      StoreFiles files,
      FileOps ops,
      Optional<GenerationCodec> codec,
      Optional<RollbackGuard> guard,
      boolean secretExisted) {
    this.files = files;
    this.ops = ops;
    this.codec = codec;
    this.guard = guard;
    this.secretExisted = secretExisted;
  }

  static ReadOnlyFileStore open(
      Path directory, DeviceSecret secret, Optional<RollbackGuard> guard, FileOps ops)
      throws StoreException {
    StoreFiles files = new StoreFiles(directory);
    if (secret instanceof SecretFile file && !file.exists()) {
      return new ReadOnlyFileStore(files, ops, Optional.empty(), guard, false);
    }
    GenerationCodec codec = GenerationCodec.keyedBy(FileTrustedStore.readSecret(directory, secret));
    boolean existed = secret instanceof SecretFile || secret.existedBefore();
    return new ReadOnlyFileStore(files, ops, Optional.of(codec), guard, existed);
  }

  @Override
  public synchronized StoreLoad load() throws StoreException {
    checkOpen();
    if (saved.isPresent()) {
      return saved.get();
    }
    if (codec.isEmpty()) {
      return withoutSecret();
    }
    StoreLoad found = read();
    for (int i = 1; i < READS && found.status() != StoreLoad.Status.CURRENT; i++) {
      found = read();
    }
    return Verdict.judge(found, counter(), secretExisted, files);
  }

  private StoreLoad read() throws StoreException {
    try {
      return Snapshot.read(ops, files, codec.get()).toLoad(files);
    } catch (IOException e) {
      throw StoreErrors.readFailed(files.directory(), e);
    }
  }

  private StoreLoad withoutSecret() throws StoreException {
    try {
      boolean anything =
          ops.exists(files.current()) || ops.exists(files.previous()) || ops.exists(files.marker());
      StoreLoad empty = StoreLoad.empty();
      return anything
          ? StoreLoad.corrupt(
              "the device secret is missing, so the store in "
                  + files.directory()
                  + " cannot be read. Restore the secret from a backup or re-register the device.")
          : Verdict.judge(empty, counter(), false, files);
    } catch (IOException e) {
      throw StoreErrors.readFailed(files.directory(), e);
    }
  }

  private OptionalLong counter() throws StoreException {
    if (guard.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(guard.get().read());
    } catch (IOException | RuntimeException e) {
      throw StoreErrors.counterUnavailable(files.directory(), guard.get(), e);
    }
  }

  /** Keeps {@code payload} in this object; nothing is written. */
  @Override
  public synchronized void save(byte[] payload) throws StoreException {
    requireNonNull(payload, "payload == null");
    checkOpen();
    long generation = saved.map(StoreLoad::generation).orElse(0L) + 1;
    saved = Optional.of(StoreLoad.current(payload, generation));
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed: " + files.directory());
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "FileTrustedStore[" + files.directory() + ", read-only]";
  }
}
