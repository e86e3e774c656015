package org.opensmartagent.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.render.Result;

/** Prints results as text or JSON, and errors to standard error. */
public final class Output {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper COMPACT = new ObjectMapper();

  private Output() {}

  /** Prints {@code r} and returns its exit code. */
  public static int print(Io io, Result r, boolean json) {
    if (json) {
      io.out().println(write(r.toJson()));
    } else {
      r.text().forEach(io.out()::println);
    }
    if (!r.succeeded()) {
      io.err().println("license_smart " + r.command() + ": " + r.message());
    }
    io.out().flush();
    io.err().flush();
    return r.exitCode();
  }

  /** {@code node} on one line (JSON Lines, for streams of events). */
  public static String line(ObjectNode node) {
    try {
      return COMPACT.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  public static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }
}
