package org.opensmartagent.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.config.FileProblems;
import org.opensmartagent.core.reservation.AuthorizationCode;
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
    String text = code.or(() -> file.map(CodeInput::readFile)).orElseGet(() -> readInput(io));
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

  /** The code file's text, after checking that it exists, is not empty and is not too large. */
  public static String readFile(Path p) {
    return FileProblems.readText(p, "authorization code file", AuthorizationCode.MAX_LENGTH);
  }

  /** Standard input, read up to one byte more than a code may have. */
  static String readInput(Io io) {
    try {
      byte[] bytes = io.in().readNBytes(AuthorizationCode.MAX_LENGTH + 1);
      if (bytes.length > AuthorizationCode.MAX_LENGTH) {
        throw new IllegalArgumentException(
            "standard input holds more than "
                + AuthorizationCode.MAX_LENGTH
                + " bytes; an authorization code is shorter. Is it the right file?");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input", e);
    }
  }
}
