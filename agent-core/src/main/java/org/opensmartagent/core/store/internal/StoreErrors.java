package org.opensmartagent.core.store.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import org.opensmartagent.core.store.StoreException;

/** Turns I/O failures into {@link StoreException}s that say what happened and what to do. */
public final class StoreErrors {

  private StoreErrors() {}

  /** A save failed before its final rename: the previous state is intact. */
  public static StoreException writeFailed(Path directory, IOException e) {
    String message =
        switch (classify(e)) {
          case DISK_FULL -> "the disk is full. Free space and retry";
          case READ_ONLY -> "the directory is read-only. Make it writable by the agent and retry";
          case OTHER -> reason(e) + ". Check the disk and retry";
        };
    return new StoreException(
        "Cannot write the licensing store in "
            + directory
            + ": "
            + message
            + "; the previous state is kept.",
        e);
  }

  /** A save renamed its new generation into place but could not make it durable. */
  public static StoreException notDurable(Path directory, IOException e) {
    return new StoreException(
        "Wrote the licensing store in "
            + directory
            + " but could not flush it to disk: "
            + reason(e)
            + ". The new state is in place but may be lost on power failure; check the disk.",
        e);
  }

  /** A generation file exists but could not be read. */
  public static StoreException readFailed(Path directory, IOException e) {
    return new StoreException(
        "Cannot read the licensing store in "
            + directory
            + ": "
            + reason(e)
            + ". Check the file permissions and the disk; nothing was changed.",
        e);
  }

  /** The directory could not be created or prepared. */
  public static StoreException openFailed(Path directory, IOException e) {
    String message =
        switch (classify(e)) {
          case DISK_FULL -> "the disk is full. Free space and retry.";
          case READ_ONLY -> "the directory is read-only. Make it writable by the agent.";
          case OTHER ->
              e instanceof FileAlreadyExistsException
                  ? "the path exists but is not a directory. Use a directory for the store."
                  : reason(e) + ". Check that the path is a writable directory.";
        };
    return new StoreException(
        "Cannot open the licensing store in " + directory + ": " + message, e);
  }

  /** Another process holds the lock, and still held it after {@code waited}. */
  public static StoreException lockedByOtherProcess(Path lockFile, java.time.Duration waited) {
    String after =
        waited.isZero()
            ? ""
            : waited.toMillis() < 1000
                ? " (waited " + waited.toMillis() + " ms)"
                : " (waited " + waited.toSeconds() + " s)";
    return new StoreException(
        "Another process holds the store lock at "
            + lockFile
            + after
            + ": stop the other agent or use another state directory.");
  }

  /** The lock file was deleted or replaced and someone else now holds the file at the path. */
  public static StoreException lockSwapped(Path lockFile) {
    return new StoreException(
        "The store lock file "
            + lockFile
            + " was deleted or replaced while this agent held it, and another process now holds"
            + " it: nothing was written. Stop the other agent, then restart this one; do not"
            + " delete "
            + StoreFiles.LOCK
            + " while an agent runs.");
  }

  /** The rollback counter could not be read. */
  public static StoreException counterUnavailable(Path directory, Object guard, Exception e) {
    return new StoreException(
        "Cannot read the rollback counter ("
            + guard
            + ") of the licensing store in "
            + directory
            + ": "
            + e.getMessage()
            + ". Check the counter device or file; nothing was changed.",
        e);
  }

  /** Another store in this JVM holds the lock. */
  public static StoreException lockedInThisProcess(Path lockFile) {
    return new StoreException(
        "Another agent in this process holds the store lock at "
            + lockFile
            + ": close it first or use another state directory.");
  }

  /** The device secret could not be obtained. */
  public static StoreException secretUnavailable(Path directory, RuntimeException e) {
    return new StoreException(
        "Cannot open the licensing store in "
            + directory
            + " because the device secret is unavailable: "
            + e.getMessage(),
        e);
  }

  enum Kind {
    DISK_FULL,
    READ_ONLY,
    OTHER
  }

  static Kind classify(IOException e) {
    String text = String.valueOf(reason(e)).toLowerCase(Locale.ROOT);
    if (text.contains("no space left") || text.contains("disk quota exceeded")) {
      return Kind.DISK_FULL;
    }
    if (e instanceof AccessDeniedException
        || text.contains("read-only file system")
        || text.contains("permission denied")) {
      return Kind.READ_ONLY;
    }
    return Kind.OTHER;
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "access denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
