package org.opensmartagent.testkit.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the mock server's directories (0700) and files (0600) owner-only from the moment they
 * exist, whatever the umask: they hold tokens and keys. Elsewhere than POSIX, plain creation.
 */
public final class OwnerOnlyFiles {
  private OwnerOnlyFiles() {}

  /** True where the file system has POSIX permissions. */
  public static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** The attribute that creates a file owner-only (none where there are no POSIX permissions). */
  public static FileAttribute<?>[] fileAttributes() {
    return posix()
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  /** Creates {@code dir} and its missing parents 0700; an existing directory is left as it is. */
  public static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix()) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  /** Creates the empty file {@code file} 0600, with its directory 0700 if missing. */
  public static void createFile(Path file) throws IOException {
    createDirectories(file.toAbsolutePath().getParent());
    Files.createFile(file, fileAttributes());
  }
}
