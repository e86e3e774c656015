package org.opensmartagent.cli.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
