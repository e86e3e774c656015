package org.opensmartagent.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * Where prompted lines come from: a JLine line editor, or a plain reader when there is none. No
 * line enters the history by itself: the shell {@linkplain #remember remembers} the operations it
 * accepted, never a rejected line, an answer to a question or a secret.
 */
public interface LineInput {
  /** Ctrl-C while a line was being typed: the line is abandoned. */
  final class Interrupted extends RuntimeException {
    public Interrupted() {
      super("interrupted (Ctrl-C); nothing was changed", null, false, false);
    }
  }

  /**
   * Prompts and reads a line; empty at the end of input (Ctrl-D).
   *
   * @throws Interrupted on Ctrl-C
   */
  Optional<String> readLine(String prompt);

  /** As {@link #readLine} without echoing what is typed. */
  Optional<String> readSecret(String prompt);

  /** Keeps {@code line} in the history (an accepted operation). */
  default void remember(String line) {}

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

  /**
   * Reads lines with JLine: editing, completion, no history expansion ({@code !!} is just text);
   * secrets with no echo at all. The reader must have its automatic history turned off ({@link
   * Terminals#reader} does).
   */
  static LineInput jline(LineReader reader) {
    return new LineInput() {
      @Override
      public Optional<String> readLine(String prompt) {
        return read(prompt, null);
      }

      @Override
      public Optional<String> readSecret(String prompt) {
        return read(prompt, (char) 0);
      }

      @Override
      public void remember(String line) {
        History history = reader.getHistory();
        reader.setVariable(LineReader.DISABLE_HISTORY, Boolean.FALSE); // off only while adding
        try {
          history.add(line);
          history.save();
        } catch (IOException e) {
          // the history is a convenience: the shell goes on without saving it
        } finally {
          reader.setVariable(LineReader.DISABLE_HISTORY, Boolean.TRUE);
        }
      }

      private Optional<String> read(String prompt, Character mask) {
        try {
          return Optional.of(reader.readLine(prompt, mask));
        } catch (EndOfFileException e) {
          return Optional.empty();
        } catch (UserInterruptException e) {
          throw new Interrupted();
        }
      }
    };
  }
}
