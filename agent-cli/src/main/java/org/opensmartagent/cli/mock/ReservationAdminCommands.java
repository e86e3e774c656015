package org.opensmartagent.cli.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mock-cssm reservations ...}: the server's side of offline reservation (SLR and PLR):
 * reserve for a request code, update and confirm, return, list.
 */
public final class ReservationAdminCommands {
  private ReservationAdminCommands() {}

  @Command(
      name = "reservations",
      description = "Offline reservations (SLR and PLR).",
      subcommands = {Reserve.class, Update.class, Confirm.class, Return.class, Reservations.class})
  public static final class Group {}

  /** Where a request code comes from: {@code --request-code}, {@code --request-file} or stdin. */
  abstract static class WithRequest extends AdminCommand {
    @Option(names = "--request-code", paramLabel = "CODE", description = "The request code.")
    Optional<String> requestCode = Optional.empty();

    @Option(
        names = "--request-file",
        paramLabel = "FILE",
        description = "Read the request code from FILE (else from standard input).")
    Optional<Path> requestFile = Optional.empty();

    String request() {
      if (requestCode.isPresent() && requestFile.isPresent()) {
        throw new IllegalArgumentException("give --request-code or --request-file, not both");
      }
      return requestCode
          .map(text -> codeIn(text, "request code"))
          .orElseGet(() -> readCode(requestFile, io(), "request code"));
    }
  }

  @Command(
      name = "reserve",
      description =
          "Reserve licenses for a device's request code; writes the authorization code to --out"
              + " or prints it.")
  static class Reserve extends WithRequest {
    @Parameters(index = "0", paramLabel = "VIRTUAL_ACCOUNT")
    String virtualAccount;

    @Parameters(
        index = "1..*",
        paramLabel = "TAG=COUNT",
        description = "What a SPECIFIC reservation holds; none for UNIVERSAL.")
    List<String> lines = new ArrayList<>();

    @Option(
        names = "--type",
        paramLabel = "SPECIFIC|UNIVERSAL",
        description = "The reservation type (default: the request code's).")
    Optional<ReservationType> type = Optional.empty();

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write the authorization code to FILE.")
    Optional<Path> out = Optional.empty();

    @Override
    protected Result call(AdminClient c) {
      OutFile.check(out); // before the reservation exists: a wrong --out loses nothing
      String code = request();
      ReservationType t =
          type.or(() -> RequestCode.parse(code).type())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "The request code does not say which reservation it asks for (a"
                              + " software product's code is its UDI): give --type SPECIFIC or"
                              + " --type UNIVERSAL"));
      ObjectNode body = F.objectNode().put("requestCode", code).put("type", t.name());
      ArrayNode entitlements = body.putArray("entitlements");
      parse(lines).forEach(entitlements::add);
      JsonNode answer =
          c.post("/admin/virtual-accounts/" + seg(virtualAccount) + "/reservations", body);
      String authorization = answer.path("authorizationCode").asText();
      if (out.isEmpty()) {
        return done(answer, authorization);
      }
      try {
        OutFile.write(out.get(), authorization);
      } catch (IllegalArgumentException e) {
        return notWritten(answer, authorization, t + " authorization code", e);
      }
      return done(answer, "Wrote the " + t + " authorization code to " + out.get());
    }

    private static List<ObjectNode> parse(List<String> lines) {
      List<ObjectNode> parsed = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      for (String line : lines) {
        int eq = line.indexOf('=');
        long count;
        try {
          count = eq < 1 ? -1 : Long.parseLong(line.substring(eq + 1).strip());
        } catch (NumberFormatException e) {
          count = -1;
        }
        if (count < 1) {
          throw new IllegalArgumentException(
              "'" + line + "' is not TAG=COUNT with a positive count, e.g. ESA_Anti_Spam=2");
        }
        String tag = line.substring(0, eq).strip();
        if (!seen.add(tag)) {
          throw new IllegalArgumentException(tag + " is given twice; give its total once");
        }
        parsed.add(F.objectNode().put("tag", tag).put("count", count));
      }
      return parsed;
    }
  }

  @Command(
      name = "update",
      description =
          "Update an SLR: reserve again for the same request code with new TAG=COUNT lines; the"
              + " device installs the new code with reauthorize and shows a confirmation code.")
  static final class Update extends Reserve {}

  @Command(
      name = "confirm",
      description = "Confirm an updated SLR with the confirmation code the device showed.")
  static final class Confirm extends AdminCommand {
    @Parameters(
        index = "0",
        paramLabel = "REQUEST_CODE_OR_ID",
        description =
            "The request code (or the reservation's id); what request_code printed, its"
                + " \"Request code:\" label included, is accepted as well.")
    String request;

    @Parameters(
        index = "1",
        paramLabel = "CONFIRMATION_CODE",
        description = "What reauthorize printed, its \"Confirmation code:\" label included or not.")
    String confirmation;

    @Override
    protected Result call(AdminClient c) {
      JsonNode answer =
          c.post(
              "/admin/reservations/confirm",
              F.objectNode()
                  .put("requestCode", codeIn(request, "request code"))
                  .put("confirmationCode", codeIn(confirmation, "confirmation code")));
      return done(answer, "Confirmed the updated reservation");
    }
  }

  @Command(
      name = "return",
      description = "Free the licenses of a returned reservation, given the device's return code.")
  static final class Return extends AdminCommand {
    @Option(names = "--code", paramLabel = "CODE", description = "The return code.")
    Optional<String> code = Optional.empty();

    @Option(
        names = "--file",
        paramLabel = "FILE",
        description = "Read the return code from FILE (else from standard input).")
    Optional<Path> file = Optional.empty();

    @Override
    protected Result call(AdminClient c) {
      String text =
          code.map(given -> codeIn(given, "return code"))
              .orElseGet(() -> readCode(file, io(), "return code"));
      JsonNode answer =
          c.post("/admin/reservations/return", F.objectNode().put("returnCode", text));
      return done(answer, "The reservation is returned; its licenses are back in the pool");
    }
  }

  @Command(name = "list", description = "List every reservation, returned ones included.")
  static final class Reservations extends AdminCommand {
    @Override
    protected Result call(AdminClient c) {
      JsonNode answer = c.get("/admin/reservations");
      List<String> lines = new ArrayList<>();
      lines.add(count(answer.size(), "reservation"));
      for (JsonNode r : answer) {
        lines.add(
            r.path("productInstanceId").asText()
                + "  "
                + r.path("udi").asText()
                + "  "
                + r.path("virtualAccount").asText()
                + "  "
                + r.path("type").asText()
                + "  "
                + r.path("status").asText()
                + "  "
                + r.path("reserved"));
      }
      return done(answer, lines.toArray(String[]::new));
    }
  }
}
