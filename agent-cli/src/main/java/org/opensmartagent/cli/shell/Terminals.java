package org.opensmartagent.cli.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.opensmartagent.cli.Io;

/** Builds the JLine terminal and line reader for the interactive shell. */
public final class Terminals {
  private Terminals() {}

  /** The console's terminal ({@code system}) or a dumb one over the shell's streams (tests). */
  public static Terminal open(Io io, boolean system) {
    try {
      if (system) {
        return TerminalBuilder.builder().system(true).name("license_smart").build();
      }
      return TerminalBuilder.builder()
          .system(false)
          .streams(io.in(), new StreamWriterOutput(io.out()))
          .dumb(true)
          .type(Terminal.TYPE_DUMB)
          .name("license_smart")
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a terminal", e);
    }
  }

  /**
   * A line reader that completes the names {@code names} gives at the time (the operations valid
   * now), keeps its history in {@code history} but adds nothing to it by itself (see {@link
   * LineInput#remember}), and never expands {@code !} events.
   */
  public static LineReader reader(Terminal terminal, Path history, Supplier<List<String>> names) {
    Completer completer =
        (reader, line, candidates) -> names.get().forEach(n -> candidates.add(new Candidate(n)));
    return LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("license_smart")
        .completer(completer)
        .variable(LineReader.HISTORY_FILE, history)
        .variable(LineReader.DISABLE_HISTORY, Boolean.TRUE)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.CASE_INSENSITIVE, true)
        .build();
  }
}
