package org.opensmartagent.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.cli.ExitCodes;
import org.opensmartagent.cli.Messages;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.config.ServerCheck;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.cli.render.StatusJson;
import org.opensmartagent.cli.render.StatusLayout;
import org.opensmartagent.cli.render.StatusScreen;
import org.opensmartagent.cli.render.SummaryScreen;
import org.opensmartagent.cli.render.Times;
import org.opensmartagent.cli.render.TransportView;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.Udi;

/**
 * The operations on one opened device that the one-shot commands and the interactive shell share:
 * screens, registration and renewals. Each returns a {@link Result}; misuse throws.
 */
public final class DeviceActions {
  private DeviceActions() {}

  public static Result status(DeviceSession s) {
    return status(s, StatusLayout.CURRENT);
  }

  /** STATUS in {@code layout}; the {@code --json} data is the same for both layouts. */
  public static Result status(DeviceSession s, StatusLayout layout) {
    AgentStatus st = s.agent().status();
    TransportView t = TransportView.of(s.config().transport());
    return Result.ok("status", StatusScreen.statusLine(st), StatusJson.status(st, t))
        .withText(layout.render(st, t, DeviceSession.productInstanceName()));
  }

  public static Result summary(DeviceSession s) {
    AgentStatus st = s.agent().status();
    return Result.ok("summary", "Smart Licensing status summary", StatusJson.summary(st))
        .withText(SummaryScreen.render(st));
  }

  public static Result udi(DeviceSession s) {
    ObjectNode data = Result.emptyData();
    ArrayNode udis = data.putArray("udis");
    List<String> lines = new ArrayList<>();
    for (Udi u : s.agent().status().udis()) {
      udis.addObject().put("udi", u.toString()).put("compact", u.toCompactString());
      lines.add("UDI: " + u);
    }
    return Result.ok("udi", lines.get(0), data).withText(lines);
  }

  /**
   * Registers, after checking what can be checked before the token is sent (see {@link
   * ServerCheck}): an unreachable server (4), a TLS failure (7) or an answer not signed under the
   * pinned root (6) stop the registration with the token unused.
   */
  public static Result register(DeviceSession s, String command, String token, boolean force) {
    List<AgentStatus.Operation> allowed = s.agent().status().allowedOperations();
    if (allowed.contains(AgentStatus.Operation.REGISTER)
        || allowed.contains(AgentStatus.Operation.REREGISTER)) {
      Optional<ServerCheck.Failure> problem = ServerCheck.beforeToken(s, Instant.now());
      if (problem.isPresent()) {
        return notSent(command, problem.get());
      }
    }
    return of(command, s.agent().register(token, force));
  }

  private static Result notSent(String command, ServerCheck.Failure f) {
    int code =
        switch (f.problem()) {
          case UNREACHABLE -> ExitCodes.COMMUNICATION;
          case TLS -> ExitCodes.TLS;
          case UNTRUSTED_SIGNATURE -> ExitCodes.UNTRUSTED_SIGNATURE;
        };
    ObjectNode data = Result.emptyData();
    data.put("operation", OperationResult.Operation.REGISTER.name());
    data.put("outcome", OperationResult.Outcome.COMMUNICATION_FAILED.name());
    data.putNull("rejectReason");
    data.putNull("nextRetry");
    return new Result(command, code, f.message(), List.of(), data);
  }

  public static Result deregister(DeviceSession s) {
    return of("deregister", s.agent().deregister());
  }

  public static Result renewAuth(DeviceSession s) {
    return of("renew_auth", s.agent().renewAuthorization());
  }

  public static Result renewId(DeviceSession s) {
    return of("renew_id", s.agent().renewId());
  }

  /** A server operation's result: exit code 0, 3 or 4 by its outcome. */
  static Result of(String command, OperationResult r) {
    ObjectNode data = Result.emptyData();
    data.put("operation", r.operation().name());
    data.put("outcome", r.outcome().name());
    data.put("rejectReason", r.rejectReason().map(Enum::name).orElse(null));
    data.put("nextRetry", r.nextRetry().map(Object::toString).orElse(null));
    String message =
        switch (r.outcome()) {
          case SUCCEEDED -> r.message();
          case REJECTED -> "Refused by the license server: " + Messages.forOperator(r.message());
          case COMMUNICATION_FAILED ->
              "The license server could not be reached: "
                  + r.message()
                  + r.nextRetry().map(t -> "; the agent retries at " + Times.format(t)).orElse("")
                  + ". Check the transport settings (license_smart url)";
        };
    int code = ExitCodes.of(r.outcome());
    return new Result(command, code, message, code == 0 ? List.of(message) : List.of(), data);
  }
}
