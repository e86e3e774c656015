package org.opensmartagent.cli.command;

import java.nio.file.Path;
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

  public Path stateDir() {
    return stateDir;
  }

  public boolean json() {
    return json;
  }
}
