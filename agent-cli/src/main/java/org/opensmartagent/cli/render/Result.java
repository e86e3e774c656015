package org.opensmartagent.cli.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.opensmartagent.cli.ExitCodes;

/**
 * What one command did: its exit code, a one-line message, the lines a person reads and the JSON
 * {@code data} a program reads. Never holds a secret.
 */
public record Result(
    String command, int exitCode, String message, List<String> text, ObjectNode data) {

  public Result {
    Objects.requireNonNull(command, "command == null");
    Objects.requireNonNull(message, "message == null");
    text = List.copyOf(text);
    Objects.requireNonNull(data, "data == null");
  }

  public static Result ok(String command, String message) {
    return new Result(command, ExitCodes.OK, message, List.of(message), emptyData());
  }

  public static Result ok(String command, String message, ObjectNode data) {
    return new Result(command, ExitCodes.OK, message, List.of(message), data);
  }

  public static Result failed(String command, int exitCode, String message) {
    return new Result(command, exitCode, message, List.of(), emptyData());
  }

  public static ObjectNode emptyData() {
    return JsonNodeFactory.instance.objectNode();
  }

  public boolean succeeded() {
    return exitCode == ExitCodes.OK;
  }

  public Result withText(List<String> lines) {
    return new Result(command, exitCode, message, lines, data);
  }

  /** The JSON document printed with {@code --json}. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", command);
    o.put("ok", succeeded());
    o.put("exitCode", exitCode);
    o.put("message", message);
    o.set("data", data);
    return o;
  }
}
