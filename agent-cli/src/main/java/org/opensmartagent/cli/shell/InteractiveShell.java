package org.opensmartagent.cli.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.opensmartagent.cli.ExitCodes;
import org.opensmartagent.cli.Io;
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
 * leaves. One agent runs for the whole session; it is reopened after the transport settings change.
 */
public final class InteractiveShell {
  public static final String PROMPT = "[]> ";

  private final Io io;
  private final Path stateDir;
  private DeviceSession session;

  public InteractiveShell(Io io, Path stateDir) {
    this.io = io;
    this.stateDir = stateDir;
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
      io.useLineInput(LineInput.jline(Terminals.reader(terminal, historyFile(stateDir))));
      return runSession();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the terminal", e);
    }
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
      Optional<String> line = io.readLine(PROMPT).map(String::trim);
      if (line.isEmpty() || line.get().isEmpty()) {
        return;
      }
      Optional<MenuItem> item = MenuItem.parse(line.get());
      if (item.isEmpty()) {
        io.err().println("Unknown operation '" + line.get() + "'; type one of the names listed.");
        io.err().flush();
      } else if (item.get() == MenuItem.QUIT) {
        return;
      } else {
        perform(item.get());
      }
    }
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
    } catch (RuntimeException e) {
      io.err().println("license_smart: " + e.getMessage());
      io.err().flush();
    }
  }

  private DeviceSession open() {
    return DeviceSession.open(stateDir, this::event);
  }

  private void event(AgentEvent e) {
    if (e.severity() != Severity.INFO) {
      io.out().println("%" + e.code() + ": " + e.message());
      io.out().flush();
    }
  }
}
