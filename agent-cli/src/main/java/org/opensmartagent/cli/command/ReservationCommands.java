package org.opensmartagent.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.core.reservation.ReservationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Offline license reservation (SLR and PLR). */
public final class ReservationCommands {
  static final String RETURN_WARNING =
      "Returning the reservation removes it from this device: the product goes back to"
          + " Unregistered and the reserved licenses are freed on the server once you enter the"
          + " return code there. Continue?";

  private ReservationCommands() {}

  @Command(name = "enable_reservation", description = "Enable license reservation.")
  public static final class Enable extends DeviceCommand {
    @Option(
        names = "--cluster-member-dir",
        paramLabel = "DIR",
        description = "Also on the cluster member in DIR (repeatable).")
    List<Path> members = new ArrayList<>();

    @Override
    public Integer call() {
      return members.isEmpty()
          ? super.call()
          : Output.print(
              io(),
              ClusterRun.run(
                  "enable_reservation",
                  common().stateDir(),
                  members,
                  common().lockWait(),
                  c -> c.enableReservationAll()),
              common().json());
    }

    @Override
    protected Result run(DeviceSession s) {
      return ReservationActions.enable(s);
    }
  }

  @Command(name = "disable_reservation", description = "Disable license reservation.")
  public static final class Disable extends DeviceCommand {
    @Option(
        names = "--cluster-member-dir",
        paramLabel = "DIR",
        description = "Also on the cluster member in DIR (repeatable).")
    List<Path> members = new ArrayList<>();

    @Override
    public Integer call() {
      return members.isEmpty()
          ? super.call()
          : Output.print(
              io(),
              ClusterRun.run(
                  "disable_reservation",
                  common().stateDir(),
                  members,
                  common().lockWait(),
                  c -> c.disableReservationAll()),
              common().json());
    }

    @Override
    protected Result run(DeviceSession s) {
      return ReservationActions.disable(s);
    }
  }

  @Command(name = "request_code", description = "Generate the reservation request code.")
  public static final class RequestCode extends DeviceCommand {
    @Option(names = "--plr", description = "Permanent (universal) reservation of every license.")
    boolean plr;

    @Override
    protected Result run(DeviceSession s) {
      return ReservationActions.requestCode(
          s, plr ? ReservationType.UNIVERSAL : ReservationType.SPECIFIC);
    }
  }

  @Command(
      name = "install_authorization_code",
      description = "Install the reservation authorization code.")
  public static final class Install extends DeviceCommand {
    @Mixin CodeInput code;

    @Override
    protected Result run(DeviceSession s) {
      return ReservationActions.install(s, code.read(io()));
    }
  }

  @Command(
      name = "reauthorize",
      description = "Install an updated authorization code; prints the confirmation code.")
  public static final class Reauthorize extends DeviceCommand {
    @Mixin CodeInput code;

    @Override
    protected Result run(DeviceSession s) {
      return ReservationActions.reauthorize(s, code.read(io()));
    }
  }

  @Command(
      name = "inspect_authorization_code",
      description = "Show what an authorization code holds, without installing it.")
  public static final class Inspect extends DeviceCommand {
    @Mixin CodeInput code;

    @Override
    protected Result run(DeviceSession s) {
      return ReservationActions.inspect(s, code.read(io()));
    }
  }

  @Command(
      name = "return_reservation",
      description = "Return the installed reservation; prints the return code.")
  public static final class Return extends DeviceCommand {
    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    protected Result run(DeviceSession s) {
      if (!yes) {
        io().requireTerminalToConfirm("return_reservation");
      }
      if (!yes && !io().confirm(RETURN_WARNING)) {
        return Result.ok("return_reservation", "Return cancelled; the reservation stays installed");
      }
      return ReservationActions.returnReservation(s);
    }
  }

  @Command(
      name = "cancel_reservation",
      description = "Cancel the pending reservation request code.")
  public static final class Cancel extends DeviceCommand {
    @Override
    protected Result run(DeviceSession s) {
      return ReservationActions.cancel(s);
    }
  }
}
