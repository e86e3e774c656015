package org.opensmartagent.cli.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.opensmartagent.cli.ExitCodes;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.LicenseSmart;
import org.opensmartagent.cli.command.CommandNames;
import org.opensmartagent.cli.command.CommonOptions;
import org.opensmartagent.cli.command.Output;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.testkit.MockServerDirectory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A call to a running mock license server's admin API. The server is found through the files {@code
 * mock-cssm --out-dir DIR} wrote: {@code --mock-cssm DIR}, else the environment variable {@value
 * #ENV}, else the current directory. Every subclass prints a line of text or, with {@code --json},
 * the server's answer under {@code data.answer}.
 */
public abstract class AdminCommand implements Callable<Integer> {
  /** The environment variable naming the mock server's out dir. */
  public static final String ENV = "LICENSE_SMART_MOCK_CSSM";

  static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Spec CommandSpec spec;

  @Option(
      names = "--mock-cssm",
      paramLabel = "DIR",
      defaultValue = "${env:" + ENV + ":-.}",
      description =
          "The directory mock-cssm --out-dir wrote (default: $" + ENV + ", else the current one).")
  Path dir;

  @Override
  public Integer call() {
    Io io = io();
    Result r;
    try {
      r = call(new AdminClient(MockServerDirectory.read(dir)));
    } catch (AdminClient.AdminException e) {
      r = Result.failed(name(), code(e.status()), e.getMessage());
    }
    return Output.print(io, r, CommonOptions.of(spec).json());
  }

  protected Io io() {
    return ((LicenseSmart) spec.root().userObject()).io();
  }

  /** The command's name as typed, e.g. {@code tokens create}. */
  protected String name() {
    return CommandNames.of(spec);
  }

  /** Calls the API; throws {@link AdminClient.AdminException} on a refusal. */
  protected abstract Result call(AdminClient client);

  /** A success printing {@code lines} as text, with the server's answer as JSON data. */
  protected Result done(JsonNode answer, String... lines) {
    ObjectNode data = F.objectNode();
    data.set("answer", answer);
    return Result.ok(name(), lines.length == 0 ? "" : lines[0], data).withText(List.of(lines));
  }

  /** {@code text} encoded as one URL path segment. */
  static String seg(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The result when the server made {@code secret} but {@code --out} could not be written
   * afterwards: the secret is printed on standard output with the error, so that it is not lost.
   */
  protected Result notWritten(JsonNode answer, String secret, String what, RuntimeException e) {
    ObjectNode data = F.objectNode();
    data.set("answer", answer);
    String message =
        e.getMessage()
            + "; the "
            + what
            + " was made all the same and is printed on standard output instead, so that it is"
            + " not lost (standard output is normally your own terminal: keep it secret)";
    return new Result(name(), ExitCodes.INTERNAL, message, List.of(secret), data);
  }

  /**
   * The code in {@code file}, or on standard input when there is none, as {@link #codeIn} reads it.
   * Refuses blank input.
   */
  static String readCode(Optional<Path> file, Io io, String what) {
    String text;
    try {
      text = file.isPresent() ? Files.readString(file.get()) : io.readAll();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file.get() + ": " + e.getMessage(), e);
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException(
          "no " + what + " was given; pass it, use --file FILE, or pipe it to standard input");
    }
    return codeIn(text, what);
  }

  /**
   * The code in {@code text} (an argument, or what a file or standard input held): the rest of the
   * line after {@code "<What>:"} when a line has it (what the device's command prints, e.g. {@code
   * "$(cat request.txt)"}), else the whole text, stripped.
   */
  static String codeIn(String text, String what) {
    String label = what.toLowerCase(java.util.Locale.ROOT) + ":";
    for (String line : text.split("\\R")) {
      int at = line.toLowerCase(java.util.Locale.ROOT).indexOf(label);
      if (at >= 0) {
        return line.substring(at + label.length()).strip();
      }
    }
    return text.strip();
  }

  private static int code(int status) {
    return switch (status) {
      case 0 -> ExitCodes.COMMUNICATION;
      case 400, 404 -> ExitCodes.USAGE;
      case 409 -> ExitCodes.STATE;
      default -> ExitCodes.REJECTED;
    };
  }

  /** "1 token", "2 tokens": a count with its noun, singular for one. */
  static String count(int n, String noun) {
    return n + " " + (n == 1 ? noun : noun + "s");
  }
}
