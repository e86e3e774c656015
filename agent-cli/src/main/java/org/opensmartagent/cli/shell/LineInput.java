package org.opensmartagent.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/** Where prompted lines come from: a JLine line editor, or a plain reader when there is none. */
public interface LineInput {
  /** Prompts and reads a line; empty at the end of input or on Ctrl-C. */
  Optional<String> readLine(String prompt);

  /** As {@link #readLine} without echoing what is typed. */
  Optional<String> readSecret(String prompt);

  /** Reads lines with a plain reader; prompts are printed to {@code out}; nothing is echoed. */
  static LineInput plain(BufferedReader in, PrintWriter out) {
    return new LineInput() {
      @Override
      public Optional<String> readLine(String prompt) {
        out.print(prompt);
        out.flush();
        try {
          return Optional.ofNullable(in.readLine());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read standard input", e);
        }
      }

      @Override
      public Optional<String> readSecret(String prompt) {
        Optional<String> line = readLine(prompt);
        out.println();
        return line;
      }
    };
  }

  /** Reads lines with JLine: editing, history, completion; secrets with no echo at all. */
  static LineInput jline(LineReader reader) {
    return new LineInput() {
      @Override
      public Optional<String> readLine(String prompt) {
        return read(prompt, null);
      }

      @Override
      public Optional<String> readSecret(String prompt) {
        Object before = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.setVariable(LineReader.DISABLE_HISTORY, Boolean.TRUE); // never keep a secret
        try {
          return read(prompt, (char) 0);
        } finally {
          reader.setVariable(LineReader.DISABLE_HISTORY, before == null ? Boolean.FALSE : before);
        }
      }

      private Optional<String> read(String prompt, Character mask) {
        try {
          return Optional.of(reader.readLine(prompt, mask));
        } catch (EndOfFileException | UserInterruptException e) {
          return Optional.empty();
        }
      }
    };
  }
}
