package org.opensmartagent.core.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Every file operation the store performs, so tests can fail any one of them. {@link #SYSTEM} uses
 * NIO. Implementations must be safe for concurrent use.
 */
public interface FileOps {

  /** The real file system. */
  FileOps SYSTEM = new NioFileOps();

  /** Writes {@code bytes} to {@code file} (owner-only, truncating it) and forces them to disk. */
  void writeAndSync(Path file, byte[] bytes) throws IOException;

  /** Renames {@code source} to {@code target} atomically, replacing {@code target}. */
  void atomicMove(Path source, Path target) throws IOException;

  /** Forces the directory's entries to disk where the platform allows it. */
  void syncDirectory(Path directory) throws IOException;

  /** Deletes {@code file} if it exists. */
  void deleteIfExists(Path file) throws IOException;

  /** Returns the content of {@code file}, or empty if it does not exist. */
  Optional<byte[]> readIfExists(Path file) throws IOException;

  /** Returns true if {@code file} exists. */
  boolean exists(Path file) throws IOException;
}
