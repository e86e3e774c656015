package org.opensmartagent.cli.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.cli.render.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mock-cssm instances|faults ...}: registered product instances and injected faults. */
public final class InstanceCommands {
  private InstanceCommands() {}

  @Command(
      name = "instances",
      description = "Registered product instances.",
      subcommands = {Instances.class, Show.class, Remove.class})
  public static final class Group {}

  @Command(name = "list", description = "List the registered product instances.")
  static final class Instances extends AdminCommand {
    @Override
    protected Result call(AdminClient c) {
      JsonNode answer = c.get("/admin/instances");
      List<String> lines = new ArrayList<>();
      lines.add(count(answer.size(), "instance"));
      answer.forEach(i -> lines.add(line(i)));
      return done(answer, lines.toArray(String[]::new));
    }
  }

  @Command(name = "show", description = "Show one product instance, by id or primary UDI.")
  static final class Show extends AdminCommand {
    @Parameters(index = "0", paramLabel = "ID_OR_UDI")
    String id;

    @Override
    protected Result call(AdminClient c) {
      JsonNode i = c.get("/admin/instances/" + seg(id));
      return done(
          i,
          line(i),
          "registered " + i.path("registeredAt").asText(),
          "ID certificate valid until " + i.path("idCertNotAfter").asText());
    }
  }

  @Command(name = "remove", description = "Remove a product instance; its usage is freed.")
  static final class Remove extends AdminCommand {
    @Parameters(index = "0", paramLabel = "ID_OR_UDI")
    String id;

    @Override
    protected Result call(AdminClient c) {
      return done(c.delete("/admin/instances/" + seg(id)), "Removed product instance " + id);
    }
  }

  static String line(JsonNode i) {
    return i.path("id").asText()
        + "  "
        + i.path("udi").asText()
        + "  "
        + i.path("smartAccount").asText()
        + "/"
        + i.path("virtualAccount").asText()
        + "  usage "
        + i.path("usage");
  }

  @Command(
      name = "faults",
      description = "Faults injected into the licensing endpoints.",
      subcommands = {Inject.class, Faults.class, Clear.class})
  public static final class FaultGroup {}

  @Command(name = "inject", description = "Inject faults into the next licensing requests.")
  static final class Inject extends AdminCommand {
    @Option(names = "--fail", paramLabel = "STATUS", description = "Answer HTTP STATUS (400..599).")
    Optional<Integer> fail = Optional.empty();

    @Option(
        names = "--times",
        paramLabel = "N",
        description = "How many requests --fail or --try-again-later hits (default 1).")
    int times = 1;

    @Option(
        names = "--retry-after",
        paramLabel = "SECONDS",
        description = "Retry-After for --fail and --try-again-later.")
    Optional<Long> retryAfter = Optional.empty();

    @Option(names = "--try-again-later", description = "Answer a signed TRY_AGAIN_LATER.")
    boolean tryAgainLater;

    @Option(names = "--drop", paramLabel = "N", description = "Close the next N connections.")
    Optional<Integer> drop = Optional.empty();

    @Option(names = "--malformed", paramLabel = "N", description = "Send N unreadable bodies.")
    Optional<Integer> malformed = Optional.empty();

    @Option(names = "--latency-ms", paramLabel = "MS", description = "Delay every answer.")
    Optional<Long> latency = Optional.empty();

    @Option(
        names = "--clock-offset",
        paramLabel = "SECONDS",
        description = "Move the server's clock.")
    Optional<Long> clockOffset = Optional.empty();

    @Override
    protected Result call(AdminClient c) {
      ObjectNode body = F.objectNode();
      fail.ifPresent(s -> retry(body.putObject("fail").put("status", s).put("times", times)));
      if (tryAgainLater) {
        retry(body.putObject("tryAgainLater").put("times", times));
      }
      drop.ifPresent(n -> body.put("drop", n));
      malformed.ifPresent(n -> body.put("malformed", n));
      latency.ifPresent(ms -> body.put("latencyMillis", ms));
      clockOffset.ifPresent(s -> body.put("clockOffsetSeconds", s));
      if (body.isEmpty()) {
        throw new IllegalArgumentException(
            "say which fault: --fail STATUS, --try-again-later, --drop N, --malformed N,"
                + " --latency-ms MS or --clock-offset SECONDS");
      }
      JsonNode answer = c.post("/admin/faults", body);
      return done(answer, answer.path("pending").asInt() + " faults pending");
    }

    private void retry(ObjectNode n) {
      retryAfter.ifPresent(s -> n.put("retryAfterSeconds", s));
    }
  }

  @Command(name = "list", description = "Show the pending faults, latency and clock offset.")
  static final class Faults extends AdminCommand {
    @Override
    protected Result call(AdminClient c) {
      JsonNode a = c.get("/admin/faults");
      return done(
          a,
          a.path("pending").asInt()
              + " faults pending, latency "
              + a.path("latencyMillis").asLong()
              + " ms, clock offset "
              + a.path("clockOffsetSeconds").asLong()
              + " s");
    }
  }

  @Command(name = "clear", description = "Clear every fault, the latency and the clock offset.")
  static final class Clear extends AdminCommand {
    @Override
    protected Result call(AdminClient c) {
      return done(c.post("/admin/faults", F.objectNode().put("clear", true)), "Faults cleared");
    }
  }
}
