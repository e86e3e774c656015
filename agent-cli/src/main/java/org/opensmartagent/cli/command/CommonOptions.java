package org.opensmartagent.cli.command;

import java.nio.file.Path;
import java.time.Duration;
import org.opensmartagent.cli.LicenseSmart;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The global options: where the device lives and how to print. They are declared once, on the root
 * command, and inherited by every subcommand, so they may be written before or after the command
 * ({@code license_smart --state-dir d status} and {@code license_smart status --state-dir d}).
 */
public final class CommonOptions {
  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description =
          "The device's state directory (trusted store and config). Default: ${DEFAULT-VALUE}",
      defaultValue = "${sys:user.home}/.license_smart")
  Path stateDir;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print the result as one JSON document (schema in docs/cli.md).")
  boolean json;

  @Option(
      names = "--lock-wait",
      scope = ScopeType.INHERIT,
      paramLabel = "SECONDS",
      description =
          "How long a command that changes state waits for the device's store while a running"
              + " `license_smart agent` or interactive shell holds it (0: fail at once). status,"
              + " summary and udi never wait. Default: ${DEFAULT-VALUE}",
      defaultValue = "30")
  long lockWaitSeconds;

  public Path stateDir() {
    return stateDir;
  }

  public boolean json() {
    return json;
  }

  /**
   * Refuses {@code --json} for a command whose output is for people only.
   *
   * @throws IllegalArgumentException when {@code --json} was given
   */
  public void refuseJson(String what) {
    if (json) {
      throw new IllegalArgumentException(
          what + " prints for people only and has no JSON output; leave out --json");
    }
  }

  /** The global options of the command line that {@code spec} belongs to. */
  public static CommonOptions of(CommandSpec spec) {
    return ((LicenseSmart) spec.root().userObject()).options();
  }

  /** The longest {@code --lock-wait}: a day (a much longer one overflows the lock's clock). */
  public static final long MAX_LOCK_WAIT_SECONDS = 86_400;

  /** How long a state-changing command waits for the store lock. */
  public Duration lockWait() {
    if (lockWaitSeconds < 0 || lockWaitSeconds > MAX_LOCK_WAIT_SECONDS) {
      throw new IllegalArgumentException(
          "--lock-wait must be 0 to "
              + MAX_LOCK_WAIT_SECONDS
              + " seconds (a day), not "
              + lockWaitSeconds
              + "; give a shorter wait, or 0 to fail at once");
    }
    return Duration.ofSeconds(lockWaitSeconds);
  }
}
