package org.opensmartagent.cli.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.completer.StringsCompleter;
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

  /** A line reader with the command names completed and history kept in {@code history}. */
  public static LineReader reader(Terminal terminal, Path history) {
    return LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("license_smart")
        .completer(new StringsCompleter(MenuItem.names()))
        .variable(LineReader.HISTORY_FILE, history)
        .build();
  }
}
