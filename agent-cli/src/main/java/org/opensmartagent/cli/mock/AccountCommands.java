package org.opensmartagent.cli.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.cli.command.Switch;
import org.opensmartagent.cli.render.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mock-cssm accounts|tokens|licenses ...}: the accounts, their tokens and their pools. */
public final class AccountCommands {
  private AccountCommands() {}

  @Command(
      name = "accounts",
      description = "Smart and virtual accounts.",
      subcommands = {CreateAccount.class, AddVirtualAccount.class, AutoGrant.class, Accounts.class})
  public static final class Group {}

  @Command(name = "create", description = "Create a smart account and a virtual account in it.")
  static final class CreateAccount extends AdminCommand {
    @Parameters(index = "0", paramLabel = "SMART_ACCOUNT")
    String smartAccount;

    @Option(
        names = "--virtual-account",
        paramLabel = "NAME",
        description = "The virtual account (default: DEFAULT).")
    String virtualAccount = "DEFAULT";

    @Option(
        names = "--auto-grant",
        description =
            "Authorize reported tags the pool has no licenses for (e.g. base licenses); off by"
                + " default, when they are out of compliance.")
    boolean autoGrant;

    @Override
    protected Result call(AdminClient c) {
      c.post("/admin/accounts", F.objectNode().put("name", smartAccount));
      JsonNode va =
          c.post(
              "/admin/accounts/" + seg(smartAccount) + "/virtual-accounts",
              F.objectNode().put("name", virtualAccount).put("autoGrant", autoGrant));
      return done(
          va,
          "Created smart account "
              + smartAccount
              + " with virtual account "
              + virtualAccount
              + (autoGrant ? " (auto-grant on)" : ""));
    }
  }

  @Command(name = "add-virtual-account", description = "Add a virtual account to a smart account.")
  static final class AddVirtualAccount extends AdminCommand {
    @Parameters(index = "0", paramLabel = "SMART_ACCOUNT")
    String smartAccount;

    @Parameters(index = "1", paramLabel = "VIRTUAL_ACCOUNT")
    String virtualAccount;

    @Option(names = "--auto-grant", description = "Authorize tags without licenses (see create).")
    boolean autoGrant;

    @Override
    protected Result call(AdminClient c) {
      JsonNode va =
          c.post(
              "/admin/accounts/" + seg(smartAccount) + "/virtual-accounts",
              F.objectNode().put("name", virtualAccount).put("autoGrant", autoGrant));
      return done(va, "Created virtual account " + virtualAccount + " in " + smartAccount);
    }
  }

  @Command(
      name = "auto-grant",
      description = "Turn the automatic grant of tags without licenses on or off.")
  static final class AutoGrant extends AdminCommand {
    @Parameters(index = "0", paramLabel = "VIRTUAL_ACCOUNT")
    String virtualAccount;

    @Parameters(index = "1", paramLabel = "on|off", converter = Switch.class)
    boolean on;

    @Override
    protected Result call(AdminClient c) {
      JsonNode a =
          c.post(
              "/admin/virtual-accounts/" + seg(virtualAccount) + "/auto-grant",
              F.objectNode().put("enabled", on));
      return done(a, "Auto-grant is " + (on ? "on" : "off") + " in " + virtualAccount);
    }
  }

  @Command(name = "list", description = "List the accounts and their license pools.")
  static final class Accounts extends AdminCommand {
    @Override
    protected Result call(AdminClient c) {
      JsonNode answer = c.get("/admin/accounts");
      List<String> lines = new ArrayList<>();
      lines.add(answer.size() + " smart accounts");
      for (JsonNode sa : answer) {
        for (JsonNode va : sa.path("virtualAccounts")) {
          lines.add(
              sa.path("name").asText()
                  + "/"
                  + va.path("name").asText()
                  + (va.path("autoGrant").asBoolean() ? "  auto-grant" : "")
                  + "  "
                  + va.path("licenses").size()
                  + " license lines");
        }
      }
      return done(answer, lines.toArray(String[]::new));
    }
  }

  @Command(
      name = "tokens",
      description = "Registration tokens.",
      subcommands = {CreateToken.class, Tokens.class, Revoke.class})
  public static final class TokenGroup {}

  @Command(
      name = "create",
      description = "Create a registration token in a virtual account; prints it (a secret).")
  static final class CreateToken extends AdminCommand {
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

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write the token to FILE instead of printing it.")
    Optional<Path> out = Optional.empty();

    @Override
    protected Result call(AdminClient c) {
      OutFile.check(out); // before the token exists: a wrong --out loses nothing
      JsonNode answer =
          c.post(
              "/admin/virtual-accounts/" + seg(virtualAccount) + "/tokens",
              F.objectNode()
                  .put("description", description)
                  .put("validityDays", validityDays)
                  .put("maxUses", maxUses)
                  .put("exportControlled", exportControlled));
      String token = answer.path("token").asText();
      if (out.isEmpty()) {
        return done(answer, token);
      }
      try {
        OutFile.write(out.get(), token);
      } catch (IllegalArgumentException e) {
        return notWritten(answer, token, "token", e);
      }
      ObjectNode hidden = F.objectNode().put("file", out.get().toString());
      return done(hidden, "Wrote the token to " + out.get());
    }
  }

  @Command(name = "list", description = "List a virtual account's tokens (by id, not the secret).")
  static final class Tokens extends AdminCommand {
    @Parameters(index = "0", paramLabel = "VIRTUAL_ACCOUNT")
    String virtualAccount;

    @Override
    protected Result call(AdminClient c) {
      JsonNode answer = c.get("/admin/virtual-accounts/" + seg(virtualAccount) + "/tokens");
      List<String> lines = new ArrayList<>();
      lines.add(count(answer.size(), "token"));
      for (JsonNode t : answer) {
        lines.add(
            t.path("id").asText()
                + "…  "
                + t.path("uses").asInt()
                + "/"
                + t.path("maxUses").asInt()
                + " uses  expires "
                + t.path("expiresAt").asText()
                + (t.path("revoked").asBoolean() ? "  REVOKED" : "")
                + "  "
                + t.path("description").asText());
      }
      return done(answer, lines.toArray(String[]::new));
    }
  }

  @Command(name = "revoke", description = "Revoke a token, given whole or by the id list shows.")
  static final class Revoke extends AdminCommand {
    @Parameters(index = "0", paramLabel = "TOKEN_OR_ID")
    String token;

    @Override
    protected Result call(AdminClient c) {
      JsonNode answer = c.post("/admin/tokens/" + seg(token) + "/revoke", F.objectNode());
      return done(answer, "Revoked the token");
    }
  }

  @Command(
      name = "licenses",
      description = "A virtual account's license pool.",
      subcommands = {AddLicense.class, Licenses.class, RemoveLicense.class})
  public static final class LicenseGroup {}

  @Command(name = "add", description = "Add licenses for a tag to a virtual account.")
  static final class AddLicense extends AdminCommand {
    @Parameters(index = "0", paramLabel = "VIRTUAL_ACCOUNT")
    String virtualAccount;

    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    @Parameters(index = "2", paramLabel = "COUNT")
    long count;

    @Option(names = "--allow-overage", description = "Let usage exceed the count (OVERAGE).")
    boolean allowOverage;

    @Option(names = "--start", paramLabel = "INSTANT", description = "Term start (ISO-8601).")
    Optional<String> start = Optional.empty();

    @Option(names = "--end", paramLabel = "INSTANT", description = "Term end (ISO-8601).")
    Optional<String> end = Optional.empty();

    @Override
    protected Result call(AdminClient c) {
      ObjectNode body =
          F.objectNode().put("tag", tag).put("count", count).put("allowOverage", allowOverage);
      start.ifPresent(s -> body.put("start", s));
      end.ifPresent(e -> body.put("end", e));
      JsonNode answer =
          c.post("/admin/virtual-accounts/" + seg(virtualAccount) + "/licenses", body);
      return done(
          answer,
          "Added "
              + count
              + " "
              + tag
              + " to "
              + virtualAccount
              + (allowOverage ? " (overage allowed)" : ""));
    }
  }

  @Command(name = "list", description = "List a virtual account's licenses and their use.")
  static final class Licenses extends AdminCommand {
    @Parameters(index = "0", paramLabel = "VIRTUAL_ACCOUNT")
    String virtualAccount;

    @Override
    protected Result call(AdminClient c) {
      JsonNode pool = c.get("/admin/virtual-accounts/" + seg(virtualAccount) + "/licenses");
      JsonNode usage = c.get("/admin/virtual-accounts/" + seg(virtualAccount) + "/usage");
      List<String> lines = new ArrayList<>();
      lines.add(virtualAccount + ": " + pool.size() + " license lines");
      for (JsonNode g : pool) {
        lines.add(
            "  "
                + g.path("tag").asText()
                + "  "
                + g.path("count").asLong()
                + "  "
                + g.path("term").asText()
                + (g.path("allowOverage").asBoolean() ? "  overage allowed" : ""));
      }
      for (JsonNode u : usage) {
        lines.add(
            "  "
                + u.path("tag").asText()
                + ": "
                + u.path("inUse").asLong()
                + " in use of "
                + u.path("licensed").asLong()
                + (u.path("compliant").asBoolean() ? "" : "  OUT OF COMPLIANCE"));
      }
      ObjectNode answer = F.objectNode();
      answer.set("licenses", pool);
      answer.set("usage", usage);
      return done(answer, lines.toArray(String[]::new));
    }
  }

  @Command(name = "remove", description = "Remove every license of a tag from a virtual account.")
  static final class RemoveLicense extends AdminCommand {
    @Parameters(index = "0", paramLabel = "VIRTUAL_ACCOUNT")
    String virtualAccount;

    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    @Override
    protected Result call(AdminClient c) {
      JsonNode answer =
          c.delete("/admin/virtual-accounts/" + seg(virtualAccount) + "/licenses/" + seg(tag));
      return done(answer, "Removed the " + tag + " licenses from " + virtualAccount);
    }
  }
}
