package org.opensmartagent.cli.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.opensmartagent.cli.ExitCodes;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.Messages;
import org.opensmartagent.cli.command.Output;
import org.opensmartagent.cli.config.ConfigFile;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.config.OwnerOnly;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.cli.render.StatusScreen;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.Severity;

/**
 * The menu-driven shell, as on the device: the status line, "Choose the operation you want to
 * perform:", the operations valid now, and a prompt. An empty line, QUIT or the end of input
 * (Ctrl-D) leaves; Ctrl-C abandons the line or the operation being asked for and shows the menu
 * again. Only accepted operation names enter the history. One agent runs for the whole session; it
 * is reopened after the transport settings change.
 */
public final class InteractiveShell {
  public static final String PROMPT = "[]> ";

  private final Io io;
  private final Path stateDir;
  private final Duration lockWait;
  private DeviceSession session;

  /** The shell on the device in {@code stateDir}, waiting up to {@code lockWait} for its store. */
  public InteractiveShell(Io io, Path stateDir, Duration lockWait) {
    this.io = io;
    this.stateDir = stateDir;
    this.lockWait = lockWait;
  }

  /**
   * Runs until the operator leaves; returns the exit code (0).
   *
   * @throws IllegalStateException when the device was never enabled
   */
  public int run(boolean systemTerminal) {
    ConfigFile.load(stateDir); // says how to enable first
    if (!systemTerminal) {
      return runSession(); // plain reader on the given streams (no console: pipes and tests)
    }
    try (Terminal terminal = Terminals.open(io, true)) {
      return run(terminal);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the terminal", e);
    }
  }

  /**
   * Runs on {@code terminal} (the console, or a pseudo-terminal in tests) with line editing,
   * completion of the operations valid now, and history in {@code <state-dir>/history}; returns the
   * exit code (0). The shell's output streams should write to the same terminal.
   *
   * @throws IllegalStateException when the device was never enabled
   */
  public int run(Terminal terminal) {
    ConfigFile.load(stateDir);
    io.useLineInput(LineInput.jline(Terminals.reader(terminal, historyFileOrFail(), this::names)));
    return runSession();
  }

  /** The names to complete: the operations listed now, and those that can always be typed. */
  private List<String> names() {
    List<MenuItem> items =
        new ArrayList<>(MenuItem.shown(session.agent().status().allowedOperations()));
    items.addAll(MenuItem.alwaysTypeable());
    return items.stream().map(MenuItem::name).toList();
  }

  /**
   * The shell's history file in {@code stateDir}, created owner-only (0600) before JLine appends to
   * it, or tightened to 0600 if an older version left it readable by others.
   */
  public static Path historyFile(Path stateDir) throws IOException {
    Path history = stateDir.resolve("history");
    OwnerOnly.ensureFile(history);
    return history;
  }

  private Path historyFileOrFail() {
    try {
      return historyFile(stateDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the shell's history file in " + stateDir, e);
    }
  }

  private int runSession() {
    session = open();
    try {
      loop();
    } finally {
      session.close();
    }
    return ExitCodes.OK;
  }

  private void loop() {
    while (true) {
      menu(session.agent().status());
      Optional<String> line;
      try {
        line = io.readLine(PROMPT).map(String::trim);
      } catch (LineInput.Interrupted e) {
        continue; // Ctrl-C: a fresh prompt
      }
      if (line.isEmpty() || line.get().isEmpty()) {
        return;
      }
      Optional<MenuItem> item = MenuItem.parse(line.get());
      if (item.isEmpty()) {
        io.err()
            .println(
                "Unknown operation '" + shorten(line.get()) + "'; type one of the names listed.");
        io.err().flush();
      } else if (item.get() == MenuItem.QUIT) {
        return;
      } else {
        io.remember(item.get().name());
        perform(item.get());
      }
    }
  }

  private static String shorten(String typed) {
    return typed.length() <= 40
        ? typed
        : typed.substring(0, 40) + "... (" + typed.length() + " characters)";
  }

  private void menu(AgentStatus s) {
    io.out().println();
    io.out().println(StatusScreen.statusLine(s));
    io.out().println();
    io.out().println("Choose the operation you want to perform:");
    MenuItem.shown(s.allowedOperations()).forEach(m -> io.out().println(m.line()));
    io.out().flush();
  }

  private void perform(MenuItem item) {
    try {
      ShellActions actions = new ShellActions(io, session);
      Result r = actions.perform(item);
      Output.print(io, r, false);
      if (actions.transportChanged()) {
        session.close();
        session = open();
      }
    } catch (LineInput.Interrupted e) {
      io.out().println();
      io.out().println(item.name() + " interrupted (Ctrl-C); nothing was changed");
      io.out().flush();
    } catch (RuntimeException e) {
      io.err().println("license_smart: " + Messages.forOperator(String.valueOf(e.getMessage())));
      io.err().flush();
    }
  }

  private DeviceSession open() {
    return DeviceSession.open(stateDir, this::event, lockWait);
  }

  private void event(AgentEvent e) {
    if (e.severity() != Severity.INFO) {
      io.out().println("%" + e.code() + ": " + e.message());
      io.out().flush();
    }
  }
}
