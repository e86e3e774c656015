package org.opensmartagent.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.cli.Cli;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.config.DeviceSession;

/**
 * The interactive shell on a real pseudo-terminal with JLine's line editor, driven keystroke by
 * keystroke: the menu follows the device's state, TAB completes the operations valid now, the
 * history keeps accepted operations only (no {@code !!} expansion, no token), the token prompt
 * echoes nothing, Ctrl-C abandons a line or an operation and Ctrl-D leaves.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PseudoTerminalShellTest {
  @TempDir Path tmp;

  @Test
  void anOperatorSessionOnAPseudoTerminal() throws Exception {
    ExecutorService shellThread = Executors.newSingleThreadExecutor();
    try (Cli cli = new Cli(tmp);
        PseudoTerminal pty = new PseudoTerminal()) {
      assertThat(cli.enable().code()).isZero();
      String token = cli.token();
      Io io =
          new Io(pty.terminal().input(), pty.terminal().writer(), pty.terminal().writer(), true);
      Future<Integer> shell =
          shellThread.submit(
              () ->
                  new InteractiveShell(io, cli.stateDir, DeviceSession.DEFAULT_LOCK_WAIT)
                      .run(pty.terminal()));

      // unregistered: REGISTER listed, DEREGISTER neither listed nor completed
      String menu = pty.await(InteractiveShell.PROMPT);
      assertThat(menu).contains("Registration: Unregistered", "- REGISTER - ");
      assertThat(menu).doesNotContain("- DEREGISTER - ");
      pty.type("DEREG\t\r");
      pty.await("Unknown operation 'DEREG'");

      // history expansion is off: !! is just an unknown name, and is not kept
      pty.type("STATUS\r");
      pty.await("Smart Licensing is ENABLED");
      pty.await(InteractiveShell.PROMPT);
      pty.type("!!\r");
      pty.await("Unknown operation '!!'");

      // Ctrl-C abandons the line being typed
      pty.await(InteractiveShell.PROMPT);
      pty.type("REGIS");
      pty.interrupt();
      pty.await("Choose the operation you want to perform:");
      pty.await(InteractiveShell.PROMPT);

      // Ctrl-C at the token prompt abandons the operation
      pty.type("REGISTER\r");
      pty.await("[N]>");
      pty.type("\r");
      pty.await(ShellActions.TOKEN_PROMPT.trim());
      pty.interrupt();
      pty.await("REGISTER interrupted (Ctrl-C); nothing was changed");
      pty.await("Registration: Unregistered");

      // the token is read without echo
      pty.await(InteractiveShell.PROMPT);
      pty.type("REGISTER\r");
      pty.await("[N]>");
      pty.type("n\r");
      pty.await(ShellActions.TOKEN_PROMPT.trim());
      pty.type(token + "\r");
      pty.await("Registration: Registered");

      // registered: the menu changed, and TAB completes what is valid now
      menu = pty.await(InteractiveShell.PROMPT);
      assertThat(menu).contains("- DEREGISTER - ", "- RENEW_AUTH - ");
      assertThat(menu).doesNotContain("- REGISTER - ");
      pty.type("SUMM\t\r");
      pty.await("FeatureName");
      pty.await(InteractiveShell.PROMPT);

      // Ctrl-P recalls the last accepted operation from the history
      pty.type("\u0010\r");
      pty.await("FeatureName");
      pty.await(InteractiveShell.PROMPT);

      // Ctrl-D leaves
      pty.type("\u0004");
      assertThat(shell.get(60, TimeUnit.SECONDS)).isZero();

      assertThat(pty.all()).doesNotContain(token);
      Path history = cli.stateDir.resolve("history");
      String kept = Files.readString(history);
      assertThat(kept).contains("STATUS", "REGISTER", "SUMMARY");
      assertThat(kept).doesNotContain("!!", "DEREG\n", "REGIS\n", token);
    } finally {
      shellThread.shutdownNow();
    }
  }
}
