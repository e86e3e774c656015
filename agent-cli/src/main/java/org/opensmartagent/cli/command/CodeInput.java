package org.opensmartagent.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.opensmartagent.cli.Io;
import picocli.CommandLine.Option;

/** Where an authorization code comes from: a file, the command line, or standard input. */
public final class CodeInput {
  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Read the authorization code from FILE.")
  Optional<Path> file = Optional.empty();

  @Option(names = "--code", paramLabel = "CODE", description = "The authorization code itself.")
  Optional<String> code = Optional.empty();

  /**
   * The code text.
   *
   * @throws IllegalArgumentException when the file can't be read or nothing was given
   */
  String read(Io io) {
    if (file.isPresent() && code.isPresent()) {
      throw new IllegalArgumentException("give the code with --file or --code, not both");
    }
    String text = code.or(() -> file.map(CodeInput::readFile)).orElseGet(io::readAll);
    return require(text);
  }

  static String require(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException(
          "no authorization code was given; use --file FILE, --code CODE or pipe it to standard input");
    }
    return text.trim();
  }

  /** The file's content, or the text itself if it is not a readable file (used by the shell). */
  static String fileOrText(String entry) {
    Path p = Path.of(entry.trim()).normalize();
    return !entry.trim().startsWith("<") && Files.isRegularFile(p) ? readFile(p) : entry;
  }

  static String readFile(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the code file " + p + ": " + e.getMessage(), e);
    }
  }
}
