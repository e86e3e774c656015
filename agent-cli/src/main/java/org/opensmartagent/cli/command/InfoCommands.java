package org.opensmartagent.cli.command;

import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.render.Result;
import picocli.CommandLine.Command;

/** The screens: STATUS, SUMMARY and the UDI. */
public final class InfoCommands {
  private InfoCommands() {}

  @Command(name = "status", description = "Show overall Smart Licensing status.")
  public static final class Status extends DeviceCommand {
    @Override
    protected boolean readOnly() {
      return true;
    }

    @Override
    protected Result run(DeviceSession s) {
      return DeviceActions.status(s);
    }
  }

  @Command(name = "summary", description = "Show Smart Licensing status summary.")
  public static final class Summary extends DeviceCommand {
    @Override
    protected boolean readOnly() {
      return true;
    }

    @Override
    protected Result run(DeviceSession s) {
      return DeviceActions.summary(s);
    }
  }

  @Command(name = "udi", description = "Show the product's UDI(s).")
  public static final class ShowUdi extends DeviceCommand {
    @Override
    protected boolean readOnly() {
      return true;
    }

    @Override
    protected Result run(DeviceSession s) {
      return DeviceActions.udi(s);
    }
  }
}
