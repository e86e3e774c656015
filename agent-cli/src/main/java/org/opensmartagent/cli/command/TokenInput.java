package org.opensmartagent.cli.command;

import java.util.Optional;
import org.opensmartagent.cli.Io;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where the registration token comes from; it is never echoed, logged or stored. */
public final class TokenInput {
  static final String PROMPT = "Enter token to register the product: ";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TOKEN",
      description =
          "The registration token. Given here it is visible to every user of this machine in the"
              + " process list while the command runs: prefer --token-stdin or the prompt (no"
              + " argument).")
  Optional<String> token = Optional.empty();

  @Option(
      names = "--token-stdin",
      description =
          "Read the token from the first line of standard input (not visible in the process"
              + " list).")
  boolean fromStdin;

  /**
   * The token, from the argument, standard input or a prompt without echo.
   *
   * @throws IllegalArgumentException when none was given
   */
  String read(Io io) {
    Optional<String> t =
        token.isPresent()
            ? token
            : fromStdin ? io.readAll().lines().findFirst() : io.readSecret(PROMPT);
    return require(t);
  }

  static String require(Optional<String> token) {
    return token
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no token was given; create one in the virtual account and give it as an"
                        + " argument, with --token-stdin, or at the prompt"));
  }
}
