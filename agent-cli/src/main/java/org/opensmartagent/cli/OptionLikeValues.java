package org.opensmartagent.cli;

import java.util.List;
import java.util.Set;
import org.opensmartagent.cli.command.CommandNames;
import picocli.CommandLine;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * Refuses a positional value that is a mistyped option. The shell lets unknown options through as
 * values ({@link CommandLine#setUnmatchedOptionsArePositionalParams}) because a token may begin
 * with '-'; so {@code register --tokn-stdin} would send "--tokn-stdin" to the server as the token.
 * A value beginning with "--" is refused everywhere, and one beginning with '-' wherever no value
 * can (feature selections, account, tag and instance names, counts), unless it follows the end of
 * the options, {@code --}.
 */
final class OptionLikeValues {
  /** The values that may begin with a single '-': tokens, codes and ids. */
  private static final Set<String> MAY_BEGIN_WITH_DASH =
      Set.of("TOKEN", "TOKEN_OR_ID", "REQUEST_CODE_OR_ID", "CONFIRMATION_CODE");

  private static final String END_OF_OPTIONS = "--";

  private OptionLikeValues() {}

  /**
   * Checks every command of {@code parsed}, the root's result.
   *
   * @throws CommandLine.ParameterException naming the unknown option and how to pass such a value
   */
  static void refuse(ParseResult parsed) {
    List<String> args = parsed.originalArgs();
    int end = args.indexOf(END_OF_OPTIONS);
    List<String> escaped = end < 0 ? List.of() : args.subList(end + 1, args.size());
    for (ParseResult r = parsed; r != null; r = r.subcommand()) {
      for (PositionalParamSpec p : r.matchedPositionals()) {
        for (String value : p.stringValues()) {
          if (!escaped.contains(value) && optionLike(p, value)) {
            throw new CommandLine.ParameterException(
                r.commandSpec().commandLine(), message(r, p, value), p, value);
          }
        }
      }
    }
  }

  private static boolean optionLike(PositionalParamSpec p, String value) {
    return value.startsWith("--")
        || (value.startsWith("-") && !MAY_BEGIN_WITH_DASH.contains(p.paramLabel()));
  }

  private static String message(ParseResult r, PositionalParamSpec p, String value) {
    String typed = r.commandSpec().qualifiedName(" "); // license_smart mock-cssm tokens create
    String label = p.paramLabel();
    String unknown = "unknown option '" + value + "' for " + CommandNames.of(r.commandSpec());
    if (!MAY_BEGIN_WITH_DASH.contains(label)) {
      return unknown + " (no " + label + " begins with '-'); see " + typed + " --help";
    }
    String how =
        label.equals("TOKEN")
            ? "give it with --token-stdin (or at the prompt), or write -- before it: "
            : "write -- before it: ";
    return unknown
        + "; check its spelling in "
        + typed
        + " --help. If it is a "
        + label
        + " that really begins with '-', "
        + how
        + typed
        + " -- "
        + label;
  }
}
