package org.opensmartagent.cli.command;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options every device command takes: where the device lives and how to print. */
public final class CommonOptions {
  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "The device's state directory (trusted store and config). Default: ${DEFAULT-VALUE}",
      defaultValue = "${sys:user.home}/.license_smart")
  Path stateDir;

  @Option(names = "--json", description = "Print the result as JSON (schema in docs/cli.md).")
  boolean json;

  @Option(
      names = "--lock-wait",
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

  /** How long a state-changing command waits for the store lock. */
  public Duration lockWait() {
    if (lockWaitSeconds < 0) {
      throw new IllegalArgumentException(
          "--lock-wait must be 0 or more seconds, not " + lockWaitSeconds);
    }
    return Duration.ofSeconds(lockWaitSeconds);
  }
}
