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

  /** Creates {@code directory} and missing parents as 0700; leaves an existing one alone. */
  public static void createOwnerOnlyDirectories(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    if (isPosix(directory)) {
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
    } else {
      Files.createDirectories(directory);
    }
  }

  /** Opens {@code file} with {@code options} and makes it 0600. */
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
