package org.opensmartagent.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.render.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Registering, deregistering and renewing with the license server. */
public final class RegistrationCommands {
  private RegistrationCommands() {}

  @Command(name = "register", description = "Register the product for Smart Licensing.")
  public static final class Register extends DeviceCommand {
    @Mixin TokenInput token;

    @Option(names = "--force", description = "Reregister even if already registered.")
    boolean force;

    @Option(
        names = "--cluster-member-dir",
        paramLabel = "DIR",
        description = "Also register the cluster member in DIR (repeatable).")
    List<Path> members = new ArrayList<>();

    @Override
    public Integer call() {
      if (members.isEmpty()) {
        return super.call();
      }
      if (force) {
        throw new IllegalArgumentException(
            "--force does not apply with --cluster-member-dir: a cluster registration registers"
                + " members that are not registered yet. To replace a member's registration, run"
                + " license_smart reregister --state-dir DIR on that member");
      }
      String t = token.read(io());
      return Output.print(
          io(),
          ClusterRun.run(
              "register", common().stateDir(), members, common().lockWait(), c -> c.registerAll(t)),
          common().json());
    }

    @Override
    protected Result run(DeviceSession s) {
      return DeviceActions.register(s, "register", token.read(io()), force);
    }
  }

  @Command(name = "reregister", description = "Reregister the product for Smart Licensing.")
  public static final class Reregister extends DeviceCommand {
    @Mixin TokenInput token;

    @Override
    protected Result run(DeviceSession s) {
      return DeviceActions.register(s, "reregister", token.read(io()), true);
    }
  }

  @Command(name = "deregister", description = "Deregister the product from Smart Licensing.")
  public static final class Deregister extends DeviceCommand {
    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    protected Result run(DeviceSession s) {
      if (!yes) {
        io().requireTerminalToConfirm("deregister");
      }
      if (!yes
          && !io().confirm(
                  "The product's licenses go back to the virtual account and evaluation resumes."
                      + " Deregister?")) {
        return Result.ok("deregister", "Deregistration cancelled; nothing was changed");
      }
      return DeviceActions.deregister(s);
    }
  }

  @Command(name = "renew_auth", description = "Renew authorization of Smart Licenses in use.")
  public static final class RenewAuth extends DeviceCommand {
    @Override
    protected Result run(DeviceSession s) {
      return DeviceActions.renewAuth(s);
    }
  }

  @Command(name = "renew_id", description = "Renew registration with Smart Licensing.")
  public static final class RenewId extends DeviceCommand {
    @Override
    protected Result run(DeviceSession s) {
      return DeviceActions.renewId(s);
    }
  }
}
