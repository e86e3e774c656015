package org.opensmartagent.cli.command;

import java.util.List;
import java.util.Optional;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.render.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Requesting and releasing feature licenses from the numbered list. */
public final class LicenseCommands {
  static final String PROMPT = "Enter the appropriate license number(s) (e.g. 1,3) or tags: ";

  private LicenseCommands() {}

  /** Prints the list and asks, unless the selection was given. */
  static String selection(Io io, Optional<String> given, List<LicenseActions.Choice> choices) {
    if (given.isPresent()) {
      return given.get();
    }
    LicenseActions.lines(choices).forEach(io.prompts()::println);
    return io.readLine(PROMPT).orElse("");
  }

  @Command(
      name = "requestsmart_license",
      description = "Request licenses for features (base licenses are always requested).")
  public static final class Request extends DeviceCommand {
    @Parameters(arity = "0..1", paramLabel = "SELECTION", description = "e.g. 1,3 or ESA_Anti_Spam")
    Optional<String> selection = Optional.empty();

    @Option(names = "--list", description = "Only list the licenses.")
    boolean list;

    @Override
    protected Result run(DeviceSession s) {
      List<LicenseActions.Choice> choices = LicenseActions.choices(s, false);
      if (list) {
        return LicenseActions.list("requestsmart_license", choices);
      }
      return LicenseActions.request(s, selection(io(), selection, choices));
    }
  }

  @Command(
      name = "releasesmart_license",
      description = "Release licenses of features in use (base licenses can't be released).")
  public static final class Release extends DeviceCommand {
    @Parameters(arity = "0..1", paramLabel = "SELECTION", description = "e.g. 1,3 or ESA_Anti_Spam")
    Optional<String> selection = Optional.empty();

    @Option(names = "--list", description = "Only list the licenses in use.")
    boolean list;

    @Override
    protected Result run(DeviceSession s) {
      List<LicenseActions.Choice> choices = LicenseActions.choices(s, true);
      if (list) {
        return LicenseActions.list("releasesmart_license", choices);
      }
      return LicenseActions.release(s, selection(io(), selection, choices));
    }
  }
}
