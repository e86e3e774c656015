package org.opensmartagent.core.store.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Creates files and directories readable by their owner only, where POSIX allows it. */
public final class Permissions {

  static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private Permissions() {}

  /**
   * Creates {@code directory} and missing parents as 0700; leaves existing ones alone. Each is
   * created with that mode (the umask can only remove bits, so no one else ever has access) and
   * then set to exactly 0700.
   */
  public static void createOwnerOnlyDirectories(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    if (!isPosix(absolute)) {
      Files.createDirectories(absolute);
      return;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createOwnerOnlyDirectories(parent);
    }
    try {
      Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      if (Files.isDirectory(absolute)) {
        return; // created concurrently
      }
      throw e;
    }
    Files.setPosixFilePermissions(absolute, OWNER_DIRECTORY);
  }

  /**
   * Opens {@code file} with {@code options}; a file it creates is created 0600 (never wider,
   * whatever the umask), and the file is then set to exactly 0600.
   */
  public static FileChannel openOwnerOnly(Path file, OpenOption... options) throws IOException {
    if (!isPosix(file)) {
      return FileChannel.open(file, options);
    }
    FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_FILE);
    FileChannel channel = FileChannel.open(file, Set.of(options), ownerOnly);
    try {
      Files.setPosixFilePermissions(file, OWNER_FILE);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
