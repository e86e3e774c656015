package org.opensmartagent.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the CLI's files and directories owner-only from the moment they exist, whatever the
 * umask: each is created with mode 0600 or 0700 (the umask can only take bits away) and then set to
 * exactly that mode. Where the file system has no POSIX permissions they are created plainly.
 */
public final class OwnerOnly {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private OwnerOnly() {}

  /** Creates {@code dir} and its missing parents 0700; leaves existing ones alone. */
  public static void createDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    if (!posix(absolute)) {
      Files.createDirectories(absolute);
      return;
    }
    if (absolute.getParent() != null) {
      createDirectories(absolute.getParent());
    }
    try {
      Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } catch (FileAlreadyExistsException e) {
      if (Files.isDirectory(absolute)) {
        return;
      }
      throw e;
    }
    Files.setPosixFilePermissions(absolute, DIRECTORY);
  }

  /** Creates the new file {@code file} as 0600; fails if it exists. */
  public static Path createFile(Path file) throws IOException {
    if (!posix(file.toAbsolutePath())) {
      return Files.createFile(file);
    }
    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    Files.setPosixFilePermissions(file, FILE);
    return file;
  }

  /**
   * Makes sure {@code file} exists and is 0600: creates it so, or tightens an existing one (an
   * older version may have left it readable by others).
   */
  public static void ensureFile(Path file) throws IOException {
    createDirectories(file.toAbsolutePath().getParent());
    try {
      createFile(file);
    } catch (FileAlreadyExistsException e) {
      if (posix(file.toAbsolutePath())) {
        Files.setPosixFilePermissions(file, FILE);
      }
    }
  }

  /**
   * Replaces {@code file} with {@code bytes} atomically: they go to a new owner-only temp file
   * beside it ({@code .NAME<random>.tmp}), which is then renamed over {@code file}. An existing
   * file of that name, or a link, is replaced, never written through; a reader sees the old
   * contents or the new, never part of them.
   */
  public static void replace(Path file, byte[] bytes) throws IOException {
    Path target = file.toAbsolutePath();
    Path tmp = createTempFile(target.getParent(), target.getFileName().toString());
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A new temp file {@code .NAME<random>.tmp} in {@code dir}, 0600 from creation. */
  public static Path createTempFile(Path dir, String name) throws IOException {
    String prefix = "." + shortened(name);
    if (!posix(dir)) {
      return Files.createTempFile(dir, prefix, ".tmp");
    }
    Path tmp =
        Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(FILE));
    Files.setPosixFilePermissions(tmp, FILE); // the umask may have taken bits away
    return tmp;
  }

  /** The longest temp-file prefix, in bytes: with the random number and suffix within 255. */
  private static final int MAX_PREFIX_BYTES = 200;

  /** {@code name} cut to at most {@link #MAX_PREFIX_BYTES} UTF-8 bytes, whole characters only. */
  private static String shortened(String name) {
    StringBuilder b = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > MAX_PREFIX_BYTES) {
        break;
      }
      b.appendCodePoint(cp);
      bytes += n;
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
