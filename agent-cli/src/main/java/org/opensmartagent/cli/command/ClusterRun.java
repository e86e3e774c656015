package org.opensmartagent.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.opensmartagent.cli.ExitCodes;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.core.AgentListener;
import org.opensmartagent.core.Cluster;
import org.opensmartagent.core.Cluster.MemberResult;
import org.opensmartagent.core.Udi;

/**
 * Runs a cluster-wide operation on the device in the state directory and every member directory,
 * one result line per member. A member that can't be opened is a failed member, not a stop.
 */
final class ClusterRun {
  private ClusterRun() {}

  /** Opens each member waiting up to {@code lockWait} for its store, then runs the operation. */
  static Result run(
      String command,
      Path primary,
      List<Path> members,
      Duration lockWait,
      Function<Cluster, Map<Udi, MemberResult>> operation) {
    List<Path> dirs = new ArrayList<>();
    dirs.add(primary);
    dirs.addAll(members);
    List<DeviceSession> open = new ArrayList<>();
    List<Integer> openAt = new ArrayList<>(); // each open session's place on the command line
    Line[] lines = new Line[dirs.size()]; // in command-line order, so is the exit code
    try {
      for (int i = 0; i < dirs.size(); i++) {
        Path dir = dirs.get(i);
        try {
          open.add(DeviceSession.open(dir, AgentListener.NONE, lockWait));
          openAt.add(i);
        } catch (RuntimeException e) {
          lines[i] = new Line(dir, "", ExitCodes.of(e), "FAILED", e.getMessage());
        }
      }
      if (!open.isEmpty()) {
        Map<Udi, MemberResult> results =
            operation.apply(Cluster.of(open.stream().map(DeviceSession::agent).toList()));
        for (int k = 0; k < open.size(); k++) {
          DeviceSession s = open.get(k);
          Udi udi = s.agent().status().udis().get(0);
          MemberResult r = results.get(udi);
          lines[openAt.get(k)] =
              new Line(
                  s.stateDir(), udi.toString(), code(r.status()), r.status().name(), r.message());
        }
      }
    } finally {
      open.forEach(DeviceSession::close);
    }
    return result(command, List.of(lines));
  }

  private record Line(Path dir, String udi, int exitCode, String status, String message) {
    String text() {
      return (udi.isEmpty() ? dir.toString() : udi) + ": " + status + " - " + message;
    }
  }

  private static Result result(String command, List<Line> lines) {
    ObjectNode data = Result.emptyData();
    ArrayNode array = data.putArray("members");
    int code = ExitCodes.OK;
    int failed = 0;
    for (Line l : lines) {
      array
          .addObject()
          .put("stateDir", l.dir().toString())
          .put("udi", l.udi().isEmpty() ? null : l.udi())
          .put("status", l.status())
          .put("message", l.message());
      if (l.exitCode() != ExitCodes.OK) {
        failed++;
        code = code == ExitCodes.OK ? l.exitCode() : code;
      }
    }
    String message =
        failed == 0
            ? (lines.size() == 1
                ? "Done on the one member"
                : "Done on all " + lines.size() + " members")
            : "Failed on " + failed + " of " + lines.size() + " members; see each member's line";
    List<String> text = new ArrayList<>(lines.stream().map(Line::text).toList());
    text.add(message);
    return new Result(command, code, message, text, data);
  }

  private static int code(MemberResult.Status status) {
    return switch (status) {
      case SUCCEEDED -> ExitCodes.OK;
      case REJECTED -> ExitCodes.REJECTED;
      case COMMUNICATION_FAILED -> ExitCodes.COMMUNICATION;
      case NOT_VALID_NOW -> ExitCodes.STATE;
      case BAD_INPUT -> ExitCodes.USAGE;
      case FAILED -> ExitCodes.INTERNAL;
    };
  }
}
