package org.opensmartagent.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.opensmartagent.cli.command.AgentCommand;
import org.opensmartagent.cli.command.CommandNames;
import org.opensmartagent.cli.command.CommonOptions;
import org.opensmartagent.cli.command.EnableCommand;
import org.opensmartagent.cli.command.FleetCommand;
import org.opensmartagent.cli.command.InfoCommands;
import org.opensmartagent.cli.command.LicenseCommands;
import org.opensmartagent.cli.command.Output;
import org.opensmartagent.cli.command.RegistrationCommands;
import org.opensmartagent.cli.command.ReservationCommands;
import org.opensmartagent.cli.command.UrlCommand;
import org.opensmartagent.cli.config.FileProblems;
import org.opensmartagent.cli.demo.Demo;
import org.opensmartagent.cli.mock.MockCssmCommand;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.cli.shell.InteractiveShell;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/**
 * {@code license_smart}: the operator's command shell for the smart licensing agent. Without a
 * command it is the interactive, menu-driven shell. Parsing is separate from running; {@link
 * System#exit} is called only in {@link #main}; {@link #run} runs a command line in-process.
 */
@Command(
    name = "license_smart",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // --help and --version on every command
    version = "license_smart 0.1.0",
    description = "Smart licensing for this product. Without a command: the interactive shell.",
    subcommands = {
      EnableCommand.class,
      FleetCommand.class,
      InfoCommands.Status.class,
      InfoCommands.Summary.class,
      UrlCommand.class,
      RegistrationCommands.Register.class,
      RegistrationCommands.Deregister.class,
      RegistrationCommands.Reregister.class,
      RegistrationCommands.RenewAuth.class,
      RegistrationCommands.RenewId.class,
      LicenseCommands.Request.class,
      LicenseCommands.Release.class,
      ReservationCommands.Enable.class,
      ReservationCommands.RequestCode.class,
      ReservationCommands.Install.class,
      ReservationCommands.Reauthorize.class,
      ReservationCommands.Return.class,
      ReservationCommands.Cancel.class,
      ReservationCommands.Disable.class,
      ReservationCommands.Inspect.class,
      InfoCommands.ShowUdi.class,
      AgentCommand.class,
      MockCssmCommand.class,
      LicenseSmart.DemoCommand.class
    })
public final class LicenseSmart implements Callable<Integer> {
  @Mixin CommonOptions common;

  private final Io io;
  private final boolean systemTerminal;

  private LicenseSmart(Io io, boolean systemTerminal) {
    this.io = io;
    this.systemTerminal = systemTerminal;
  }

  public static void main(String[] args) {
    boolean terminal = System.console() != null;
    Io io =
        new Io(
            System.in,
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true),
            terminal);
    System.exit(run(args, io, terminal));
  }

  /** Runs one command line in-process with no input and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, InputStream.nullInputStream(), out, err);
  }

  /** Runs one command line in-process, prompts reading {@code in}, and returns its exit code. */
  public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
    return run(args, new Io(in, out, err), false);
  }

  /** Runs one command line in-process on {@code io} (which says whether a person can answer). */
  public static int run(String[] args, Io io) {
    return run(args, io, false);
  }

  private static int run(String[] args, Io io, boolean systemTerminal) {
    CommandLine cli = new CommandLine(new LicenseSmart(io, systemTerminal));
    cli.setOut(io.out());
    cli.setErr(io.err());
    cli.setExecutionExceptionHandler(LicenseSmart::failed);
    cli.setParameterExceptionHandler(new ParseErrors(io, cli.getParameterExceptionHandler()));
    cli.setUnmatchedOptionsArePositionalParams(true); // tokens may begin with '-'
    cli.setExecutionStrategy(
        parsed -> {
          OptionLikeValues.refuse(parsed); // but a mistyped option is not a value
          LicenseSmart root = (LicenseSmart) parsed.commandSpec().userObject();
          if (root.common.json()) {
            io.jsonOutput();
          }
          return new CommandLine.RunLast().execute(parsed);
        });
    return cli.execute(args);
  }

  /** The global options, for the subcommands (see {@link CommonOptions#of}). */
  public CommonOptions options() {
    return common;
  }

  /** The shell's streams, for the subcommands. */
  public Io io() {
    return io;
  }

  @Override
  public Integer call() {
    common.refuseJson("the interactive shell");
    return new InteractiveShell(io, common.stateDir(), common.lockWait()).run(systemTerminal);
  }

  /** Maps an exception from a command to its exit code, saying what went wrong on stderr. */
  private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    int code = ExitCodes.of(e);
    String message =
        code == ExitCodes.INTERNAL
            ? "unexpected error (" + e + "); run again, and report it if it persists"
            : Messages.forOperator(String.valueOf(e.getMessage()));
    Optional<AccessDeniedException> denied = FileProblems.denied(e);
    if (denied.isPresent()) {
      code = ExitCodes.USAGE;
      message =
          "permission denied on "
              + denied.get().getFile()
              + ": this user ("
              + System.getProperty("user.name")
              + ") needs read and write permission on the state directory "
              + CommonOptions.of(cmd.getCommandSpec()).stateDir()
              + " and the files in it (chmod u+rwx DIR), or use another --state-dir";
    }
    Result r = Result.failed(CommandNames.of(cmd.getCommandSpec()), code, message);
    IoHolder holder = new IoHolder(cmd);
    Output.print(holder.io(), r, holder.json());
    return code;
  }

  /** Finds the streams and the --json flag of the command that failed. */
  private record IoHolder(CommandLine cmd) {
    Io io() {
      CommandLine root = cmd;
      while (root.getParent() != null) {
        root = root.getParent();
      }
      return ((LicenseSmart) root.getCommand()).io;
    }

    boolean json() {
      return CommonOptions.of(cmd.getCommandSpec()).json();
    }
  }

  /** {@code license_smart demo}: one device's licensing life against an embedded server. */
  @Command(
      name = "demo",
      description =
          "Walk one device through evaluation, registration, out of compliance, deregistration"
              + " and reservation against an embedded mock license server.")
  static final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      CommonOptions.of(spec).refuseJson("demo");
      new Demo(spec.commandLine().getOut()).run();
      return 0;
    }
  }
}
