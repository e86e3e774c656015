package org.opensmartagent.testkit.internal.portal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A decoded {@code application/x-www-form-urlencoded} body. Each field is read with the most
 * characters it may hold; a longer value, a repeated field or a malformed body is refused with
 * {@link IllegalArgumentException} naming the field. Immutable.
 */
final class Form {
  /** The largest form body the portal reads. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final Map<String, String> fields;

  private Form(Map<String, String> fields) {
    this.fields = fields;
  }

  static Form parse(byte[] body) {
    if (body.length > MAX_BODY_BYTES) {
      throw new IllegalArgumentException(
          "the form is larger than " + MAX_BODY_BYTES + " bytes; shorten what you entered");
    }
    Map<String, String> fields = new HashMap<>();
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return new Form(fields);
    }
    for (String pair : text.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (fields.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("the form sends '" + name + "' twice; send it once");
      }
    }
    return new Form(fields);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the form is not URL-encoded: " + e.getMessage());
    }
  }

  /** The field, trimmed, at most {@code max} characters; empty when absent or blank. */
  Optional<String> optional(String name, String label, int max) {
    String value = fields.getOrDefault(name, "").strip();
    if (value.length() > max) {
      throw new IllegalArgumentException(
          label + " is " + value.length() + " characters; at most " + max + " are accepted");
    }
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** The field, trimmed, 1..{@code max} characters. */
  String required(String name, String label, int max) {
    return optional(name, label, max)
        .orElseThrow(() -> new IllegalArgumentException(label + " is required; fill it in"));
  }

  /** A whole number in {@code min..max}. */
  int number(String name, String label, int min, int max) {
    String text = required(name, label, 12);
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        label + " must be a whole number from " + min + " to " + max + "; got '" + text + "'");
  }

  /** The field exactly as sent, for comparing only; empty when absent. */
  String raw(String name) {
    return fields.getOrDefault(name, "");
  }

  /** A checkbox: true when sent with any value. */
  boolean checked(String name) {
    return fields.containsKey(name);
  }
}
