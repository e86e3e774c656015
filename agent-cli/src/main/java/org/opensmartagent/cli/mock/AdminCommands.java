package org.opensmartagent.cli.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.opensmartagent.cli.ExitCodes;
import org.opensmartagent.cli.LicenseSmart;
import org.opensmartagent.cli.command.Output;
import org.opensmartagent.cli.render.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The admin subcommands of {@code mock-cssm}: each calls a running mock server's admin API. New
 * ones (such as {@code reserve}) extend {@link AdminCommand} and are listed in {@link
 * MockCssmCommand}.
 */
public final class AdminCommands {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private AdminCommands() {}

  /** A call to the admin API of the server at {@code --server}. */
  public abstract static class AdminCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--server",
        paramLabel = "URL",
        required = true,
        description = "The mock server, e.g. https://localhost:8443")
    URI server;

    @Option(
        names = "--tls-ca",
        paramLabel = "PEM",
        description = "The mock server's TLS CA (for https).")
    Optional<Path> tlsCa = Optional.empty();

    @Override
    public Integer call() {
      LicenseSmart root = (LicenseSmart) spec.root().userObject();
      Result r;
      try {
        r = call(new AdminClient(server, tlsCa));
      } catch (AdminClient.AdminException e) {
        r = Result.failed(spec.name(), code(e.status()), e.getMessage());
      }
      return Output.print(root.io(), r, root.options().json());
    }

    /** Calls the API; throws {@link AdminClient.AdminException} on a refusal. */
    protected abstract Result call(AdminClient client);

    protected Result done(String message, JsonNode answer) {
      ObjectNode data = F.objectNode();
      data.set("answer", answer);
      return Result.ok(spec.name(), message, data).withText(List.of(message));
    }

    private static int code(int status) {
      return switch (status) {
        case 0 -> ExitCodes.COMMUNICATION;
        case 400, 404 -> ExitCodes.USAGE;
        case 409 -> ExitCodes.STATE;
        default -> ExitCodes.REJECTED;
      };
    }
  }

  @Command(
      name = "create-account",
      description = "Create a smart account and a virtual account in it.")
  public static final class CreateAccount extends AdminCommand {
    @Parameters(index = "0", paramLabel = "SMART_ACCOUNT")
    String smartAccount;

    @Option(
        names = "--virtual-account",
        paramLabel = "NAME",
        description = "The virtual account (default: DEFAULT).")
    String virtualAccount = "DEFAULT";

    @Override
    protected Result call(AdminClient c) {
      c.post("/admin/accounts", F.objectNode().put("name", smartAccount));
      JsonNode va =
          c.post(
              "/admin/accounts/" + smartAccount + "/virtual-accounts",
              F.objectNode().put("name", virtualAccount));
      return done(
          "Created smart account " + smartAccount + " with virtual account " + virtualAccount, va);
    }
  }

  @Command(
      name = "create-token",
      description = "Create a registration token in a virtual account; prints it.")
  public static final class CreateToken extends AdminCommand {
    @Parameters(index = "0", paramLabel = "VIRTUAL_ACCOUNT")
    String virtualAccount;

    @Option(names = "--description", description = "What the token is for.")
    String description = "license_smart";

    @Option(
        names = "--validity-days",
        description = "Days the token is valid (1..365, default 30).")
    int validityDays = 30;

    @Option(names = "--max-uses", description = "How many registrations it allows (default 10).")
    int maxUses = 10;

    @Option(names = "--export-controlled", description = "Allow export-controlled functionality.")
    boolean exportControlled;

    @Override
    protected Result call(AdminClient c) {
      JsonNode answer =
          c.post(
              "/admin/virtual-accounts/" + virtualAccount + "/tokens",
              F.objectNode()
                  .put("description", description)
                  .put("validityDays", validityDays)
                  .put("maxUses", maxUses)
                  .put("exportControlled", exportControlled));
      String token = answer.path("token").asText();
      return done(token, answer);
    }
  }

  @Command(name = "add-license", description = "Add licenses for a tag to a virtual account.")
  public static final class AddLicense extends AdminCommand {
    @Parameters(index = "0", paramLabel = "VIRTUAL_ACCOUNT")
    String virtualAccount;

    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    @Parameters(index = "2", paramLabel = "COUNT")
    long count;

    @Option(names = "--allow-overage", description = "Let usage exceed the count.")
    boolean allowOverage;

    @Override
    protected Result call(AdminClient c) {
      JsonNode answer =
          c.post(
              "/admin/virtual-accounts/" + virtualAccount + "/licenses",
              F.objectNode().put("tag", tag).put("count", count).put("allowOverage", allowOverage));
      return done("Added " + count + " " + tag + " to " + virtualAccount, answer);
    }
  }

  @Command(name = "list-instances", description = "List the registered product instances.")
  public static final class ListInstances extends AdminCommand {
    @Override
    protected Result call(AdminClient c) {
      JsonNode answer = c.get("/admin/instances");
      StringBuilder text = new StringBuilder(answer.size() + " instances");
      for (JsonNode i : answer) {
        text.append(System.lineSeparator())
            .append(i.path("udi").asText())
            .append("  ")
            .append(i.path("smartAccount").asText())
            .append("/")
            .append(i.path("virtualAccount").asText())
            .append("  usage ")
            .append(i.path("usage"));
      }
      return done(answer.size() + " instances", answer).withText(List.of(text.toString()));
    }
  }
}
