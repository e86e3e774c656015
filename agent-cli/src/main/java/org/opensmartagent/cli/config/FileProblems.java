package org.opensmartagent.cli.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/** Says in words why a file could not be used, and reads files of a bounded size. */
public final class FileProblems {
  private FileProblems() {}

  /** Why {@code e} happened, without repeating the path: "it does not exist", ... */
  public static String why(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied (this user, "
          + System.getProperty("user.name")
          + ", needs read and write permission on it and read/search permission on its directories)";
    }
    if (e instanceof NotDirectoryException) {
      return "a part of the path is not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** The first permission problem among {@code e} and its causes. */
  public static Optional<AccessDeniedException> denied(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AccessDeniedException a) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads a text file of at most {@code maxBytes}, checking the size before reading.
   *
   * @throws IllegalArgumentException naming the file and what is wrong: missing, unreadable, empty
   *     or too large
   */
  public static String readText(Path file, String what, long maxBytes) {
    try {
      if (Files.isDirectory(file)) {
        throw new IllegalArgumentException(
            "the " + what + " " + file + " is a directory; give the file itself");
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new IllegalArgumentException(
            "the "
                + what
                + " "
                + file
                + " is "
                + size
                + " bytes; at most "
                + maxBytes
                + " are accepted. Is it the right file?");
      }
      String text = Files.readString(file);
      if (text.isBlank()) {
        throw new IllegalArgumentException(
            "the " + what + " " + file + " is empty; give the file that holds it");
      }
      return text;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the " + what + " " + file + ": " + why(e), e);
    }
  }
}
