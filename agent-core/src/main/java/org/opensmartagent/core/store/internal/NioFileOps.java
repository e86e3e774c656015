package org.opensmartagent.core.store.internal;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link FileOps} on the real file system. Stateless and thread-safe. */
final class NioFileOps implements FileOps {

  private static final Logger log = LoggerFactory.getLogger(NioFileOps.class);

  @Override
  public void writeAndSync(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = Permissions.openOwnerOnly(file, CREATE, TRUNCATE_EXISTING, WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  @Override
  public void atomicMove(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void syncDirectory(Path directory) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(directory, READ);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; they make renames durable themselves.
      log.debug("Cannot open {} to sync it: {}", directory, e.toString());
      return;
    }
    try (channel) {
      channel.force(true);
    }
  }

  @Override
  public void deleteIfExists(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  @Override
  public Optional<byte[]> readIfExists(Path file) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean exists(Path file) {
    return Files.exists(file);
  }
}
