package org.opensmartagent.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.opensmartagent.cli.demo.Demo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code license_smart}: the operator's command shell for the smart licensing agent. Parsing is
 * separate from running; {@link System#exit} is called only in {@link #main}.
 */
@Command(
    name = "license_smart",
    mixinStandardHelpOptions = true,
    version = "license_smart 0.1.0",
    description = "Smart licensing for this product.",
    subcommands = {LicenseSmart.DemoCommand.class})
public final class LicenseSmart implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line in-process and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new LicenseSmart());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
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
      new Demo(spec.commandLine().getOut()).run();
      return 0;
    }
  }
}
