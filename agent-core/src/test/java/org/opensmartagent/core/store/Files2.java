package org.opensmartagent.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Ways to damage a store file on disk. */
final class Files2 {

  private Files2() {}

  /** Flips one bit in the middle of the file. */
  static void corrupt(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
  }

  /** Keeps only the first {@code length} bytes. */
  static void truncate(Path file, int length) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, Math.min(length, bytes.length)));
  }
}
