package org.opensmartagent.core.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.core.store.internal.FileOps;

/**
 * Real file operations that record what they do and fail on command: at the n-th operation from now
 * (optionally writing half of the bytes first), or at every write, move and sync.
 */
final class FaultyFileOps implements FileOps {

  private final FileOps real = FileOps.SYSTEM;
  private final List<String> operations = new ArrayList<>();
  private int failAt = -1;
  private boolean tearWrites;
  private Optional<IOException> failMutations = Optional.empty();

  /** Forgets recorded operations and makes operation {@code index} (0-based from now) throw. */
  FaultyFileOps failAt(int index, boolean tearWrite) {
    operations.clear();
    failAt = index;
    tearWrites = tearWrite;
    return this;
  }

  /** Makes every write, move and sync throw {@code failure}; reads still work. */
  FaultyFileOps failMutations(IOException failure) {
    failMutations = Optional.of(failure);
    return this;
  }

  /** Forgets recorded operations and faults. */
  FaultyFileOps reset() {
    operations.clear();
    failAt = -1;
    failMutations = Optional.empty();
    return this;
  }

  List<String> operations() {
    return List.copyOf(operations);
  }

  @Override
  public void writeAndSync(Path file, byte[] bytes) throws IOException {
    if (step("write " + file.getFileName(), true)) {
      if (tearWrites) {
        real.writeAndSync(file, Arrays.copyOf(bytes, bytes.length / 2));
      }
      throw new IOException("injected crash while writing " + file.getFileName());
    }
    real.writeAndSync(file, bytes);
  }

  @Override
  public void atomicMove(Path source, Path target) throws IOException {
    fail("move " + source.getFileName() + " -> " + target.getFileName(), true);
    real.atomicMove(source, target);
  }

  @Override
  public void syncDirectory(Path directory) throws IOException {
    fail("sync directory", true);
    real.syncDirectory(directory);
  }

  @Override
  public void deleteIfExists(Path file) throws IOException {
    fail("delete " + file.getFileName(), true);
    real.deleteIfExists(file);
  }

  @Override
  public Optional<byte[]> readIfExists(Path file) throws IOException {
    fail("read " + file.getFileName(), false);
    return real.readIfExists(file);
  }

  @Override
  public boolean exists(Path file) throws IOException {
    fail("exists " + file.getFileName(), false);
    return real.exists(file);
  }

  private void fail(String operation, boolean mutates) throws IOException {
    if (step(operation, mutates)) {
      throw new IOException("injected crash at " + operation);
    }
  }

  /** Records the operation; returns true if it must fail, throwing directly for mutations. */
  private boolean step(String operation, boolean mutates) throws IOException {
    if (mutates && failMutations.isPresent()) {
      throw failMutations.get();
    }
    operations.add(operation);
    return operations.size() - 1 == failAt;
  }
}
