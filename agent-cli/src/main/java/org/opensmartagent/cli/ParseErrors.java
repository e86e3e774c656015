package org.opensmartagent.cli;

import java.util.Arrays;
import org.opensmartagent.cli.command.CommandNames;
import org.opensmartagent.cli.command.Output;
import org.opensmartagent.cli.render.Result;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * A command line that does not parse (an unknown option, a bad value): with {@code --json} on it,
 * the one JSON error object every failure prints (exit 2); otherwise picocli's message and usage.
 */
final class ParseErrors implements IParameterExceptionHandler {
  private final Io io;
  private final IParameterExceptionHandler text;

  ParseErrors(Io io, IParameterExceptionHandler text) {
    this.io = io;
    this.text = text;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) throws Exception {
    if (!Arrays.asList(args).contains("--json")) {
      return text.handleParseException(e, args);
    }
    CommandLine cmd = e.getCommandLine();
    String help = cmd.getCommandSpec().qualifiedName(" ") + " --help";
    String message =
        e.getMessage().contains(help) ? e.getMessage() : e.getMessage() + "; see " + help;
    return Output.print(
        io, Result.failed(CommandNames.of(cmd.getCommandSpec()), ExitCodes.USAGE, message), true);
  }
}
