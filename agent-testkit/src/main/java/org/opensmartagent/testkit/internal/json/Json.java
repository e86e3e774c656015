package org.opensmartagent.testkit.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads fields of a JSON object with messages that name the field and show its expected form. Every
 * failure is an {@link IllegalArgumentException}. Stateless and thread-safe.
 */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private Json() {}

  static ObjectNode object(byte[] body) {
    if (body.length == 0) {
      return MAPPER.createObjectNode();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("the body cannot be read as JSON", e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object, e.g. {\"name\":\"x\"}");
    }
    return (ObjectNode) node;
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree cannot be written", e);
    }
  }

  static String text(JsonNode o, String field) {
    return optionalText(o, field)
        .orElseThrow(() -> new IllegalArgumentException(missing(field, "a string")));
  }

  static Optional<String> optionalText(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string");
    }
    return Optional.of(n.textValue());
  }

  static long number(JsonNode o, String field) {
    return optionalNumber(o, field)
        .orElseThrow(() -> new IllegalArgumentException(missing(field, "an integer")));
  }

  static Optional<Long> optionalNumber(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.canConvertToLong() || !n.isIntegralNumber()) {
      throw new IllegalArgumentException("field '" + field + "' must be an integer");
    }
    return Optional.of(n.longValue());
  }

  static int intValue(JsonNode o, String field) {
    long v = number(o, field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("field '" + field + "' is out of range: " + v);
    }
    return (int) v;
  }

  static boolean bool(JsonNode o, String field, boolean otherwise) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return otherwise;
    }
    if (!n.isBoolean()) {
      throw new IllegalArgumentException("field '" + field + "' must be true or false");
    }
    return n.booleanValue();
  }

  static Optional<Instant> optionalInstant(JsonNode o, String field) {
    Optional<String> text = optionalText(o, field);
    try {
      return text.map(Instant::parse);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "field '" + field + "' must be an ISO-8601 UTC instant, e.g. 2025-03-01T00:00:00Z");
    }
  }

  static Instant instant(JsonNode o, String field) {
    return optionalInstant(o, field)
        .orElseThrow(() -> new IllegalArgumentException(missing(field, "an ISO-8601 instant")));
  }

  private static String missing(String field, String what) {
    return "field '" + field + "' (" + what + ") is required";
  }
}
