package org.opensmartagent.core.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.opensmartagent.core.store.RollbackGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The software {@link RollbackGuard}: a decimal counter in one owner-only file, replaced with a
 * temp file, fsync and rename. Damaged content reads as 0. Thread-safe.
 */
public final class CounterFile implements RollbackGuard {

  private static final Logger log = LoggerFactory.getLogger(CounterFile.class);

  private final Path file;
  private final FileOps ops;

  public CounterFile(Path file) {
    this(file, FileOps.SYSTEM);
  }

  CounterFile(Path file, FileOps ops) {
    this.file = file.toAbsolutePath();
    this.ops = ops;
  }

  @Override
  public synchronized long read() throws IOException {
    Optional<byte[]> content = ops.readIfExists(file);
    if (content.isEmpty()) {
      return 0;
    }
    String text = new String(content.get(), StandardCharsets.US_ASCII).trim();
    try {
      long value = Long.parseLong(text);
      return Math.max(0, value);
    } catch (NumberFormatException e) {
      log.warn("The rollback counter {} is damaged; it reads as 0", file);
      return 0;
    }
  }

  @Override
  public synchronized void advanceTo(long value) throws IOException {
    if (value <= read()) {
      return;
    }
    Path directory = file.getParent();
    Permissions.createOwnerOnlyDirectories(directory);
    Path temp = directory.resolve(file.getFileName() + ".tmp");
    ops.writeAndSync(temp, (value + "\n").getBytes(StandardCharsets.US_ASCII));
    ops.atomicMove(temp, file);
    ops.syncDirectory(directory);
  }

  @Override
  public String toString() {
    return "RollbackGuard[file " + file + "]";
  }
}
