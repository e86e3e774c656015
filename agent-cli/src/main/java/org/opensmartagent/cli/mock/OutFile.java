package org.opensmartagent.cli.mock;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.opensmartagent.cli.config.OwnerOnly;

/**
 * Where {@code --out FILE} writes a secret the mock server made (a registration token, an
 * authorization code). {@link #check} runs before the server is asked, so that a wrong {@code
 * --out} loses nothing. {@link #write} makes a regular file owner-only (0600) from the moment it
 * exists, whatever the umask: the text goes to a new owner-only temp file beside it, which then
 * replaces the file in one rename (an existing file of that name, or a link to one, is replaced,
 * never written through). What is not a regular file (a terminal, {@code /dev/null}, a FIFO, {@code
 * /dev/stdout} or {@code /dev/fd/N}: the process's own open files) is written through instead.
 */
final class OutFile {
  private static final Path PROC = Path.of("/proc");

  private OutFile() {}

  /** Refuses an {@code --out} that cannot be written, before anything is made. */
  static void check(Optional<Path> file) {
    if (file.isEmpty()) {
      return;
    }
    Path target = file.get().toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new IllegalArgumentException(
          file.get() + " is a directory; give --out the name of a file to write");
    }
    if (writesThrough(target)) {
      if (!Files.isWritable(target)) {
        throw cannot(file.get(), "permission denied");
      }
      return;
    }
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw cannot(file.get(), "no such directory");
    }
    if (!Files.isWritable(dir)) {
      throw cannot(file.get(), "permission denied");
    }
  }

  /** Writes {@code text} and a line end to {@code file}; throws a clear error when it cannot. */
  static void write(Path file, String text) {
    check(Optional.of(file));
    Path target = file.toAbsolutePath();
    byte[] bytes = (text + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII);
    try {
      if (writesThrough(target)) {
        try (OutputStream o =
            Files.newOutputStream(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
          o.write(bytes);
        }
      } else {
        OwnerOnly.replace(target, bytes);
      }
    } catch (IOException e) {
      throw cannot(file, why(e));
    }
  }

  /**
   * True for what must be written through rather than replaced: an existing target that is not a
   * regular file (a device, a FIFO, or a link to one), or a link into {@code /proc} ({@code
   * /dev/stdout}, {@code /dev/fd/N}), which is this process's own open file even when that is a
   * regular file.
   */
  static boolean writesThrough(Path target) {
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      return true;
    }
    Path p = target;
    try {
      for (int links = 0; links < 40; links++) {
        Path parent = p.getParent();
        if (parent != null && Files.isDirectory(parent) && parent.toRealPath().startsWith(PROC)) {
          return true;
        }
        if (parent == null || !Files.isSymbolicLink(p)) {
          return false;
        }
        p = parent.resolve(Files.readSymbolicLink(p)).normalize();
      }
    } catch (IOException e) {
      return false; // not resolvable: replaced as any file, and failing clearly if it cannot be
    }
    return false;
  }

  private static String why(IOException e) {
    return e instanceof AccessDeniedException
        ? "permission denied"
        : e instanceof NoSuchFileException ? "no such directory" : e.toString();
  }

  private static IllegalArgumentException cannot(Path file, String why) {
    return new IllegalArgumentException(
        "cannot write "
            + file
            + " ("
            + why
            + "); give --out a file in a directory that exists and this user may write");
  }
}
