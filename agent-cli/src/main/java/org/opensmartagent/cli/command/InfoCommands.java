package org.opensmartagent.cli.command;

import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.render.Result;
import picocli.CommandLine.Command;

/** The screens: STATUS, SUMMARY and the UDI. */
public final class InfoCommands {
  private InfoCommands() {}

  @Command(name = "status", description = "Show overall Smart Licensing status.")
  public static final class Status extends DeviceCommand {
    @picocli.CommandLine.Option(
        names = "--layout",
        paramLabel = "current|classic",
        converter = LayoutConverter.class,
        description =
            "current (default): the AsyncOS STATUS fields, one per line; classic: the sectioned"
                + " screen of earlier agents.")
    org.opensmartagent.cli.render.StatusLayout layout =
        org.opensmartagent.cli.render.StatusLayout.CURRENT;

    @Override
    protected boolean readOnly() {
      return true;
    }

    @Override
    protected Result run(DeviceSession s) {
      return DeviceActions.status(s, layout);
    }
  }

  /** Reads {@code current} or {@code classic}, in any case. */
  static final class LayoutConverter
      implements picocli.CommandLine.ITypeConverter<org.opensmartagent.cli.render.StatusLayout> {
    @Override
    public org.opensmartagent.cli.render.StatusLayout convert(String value) {
      try {
        return org.opensmartagent.cli.render.StatusLayout.valueOf(
            value.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a layout; use current or classic");
      }
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
