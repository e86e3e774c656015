package org.opensmartagent.core.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.core.transport.MessageType;

/**
 * The canonical payload: a first line {@code OSA-LICENSING <version> <TYPE>}, then one {@code name:
 * value} line per field in a fixed order, UTF-8, lines ending in LF. Values escape backslash, LF
 * and CR as {@code \\}, {@code \n}, {@code \r}. Repeated names form lists. Unknown names are
 * ignored on decoding, so newer peers can add fields.
 */
final class Fields {
  static final String MAGIC = "OSA-LICENSING";
  static final int MAX_PAYLOAD = 256 * 1024;
  private static final int MAX_LINES = 20_000;

  private final MessageType type;
  private final String version;
  private final List<String[]> pairs = new ArrayList<>();

  Fields(MessageType type, String version) {
    this.type = type;
    this.version = version;
  }

  MessageType type() {
    return type;
  }

  String version() {
    return version;
  }

  Fields put(String name, String value) {
    pairs.add(new String[] {name, value});
    return this;
  }

  Fields put(String name, Instant value) {
    return put(name, value.toString());
  }

  Fields put(String name, byte[] value) {
    return put(name, Base64.getEncoder().encodeToString(value));
  }

  Fields putOptional(String name, Optional<String> value) {
    value.ifPresent(v -> put(name, v));
    return this;
  }

  byte[] encode() {
    StringBuilder b = new StringBuilder(256);
    b.append(MAGIC).append(' ').append(version).append(' ').append(type.name()).append('\n');
    for (String[] p : pairs) {
      b.append(p[0]).append(": ").append(escape(p[1])).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Fields decode(byte[] payload) throws ProtocolException {
    if (payload.length > MAX_PAYLOAD) {
      throw new ProtocolException(
          "message payload is " + payload.length + " bytes; at most " + MAX_PAYLOAD + " allowed");
    }
    String text = new String(payload, StandardCharsets.UTF_8);
    if (!text.endsWith("\n")) {
      throw new ProtocolException("message payload does not end with a line feed (truncated?)");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length > MAX_LINES) {
      throw new ProtocolException("message payload has more than " + MAX_LINES + " lines");
    }
    String[] head = lines[0].split(" ", -1);
    if (head.length != 3 || !head[0].equals(MAGIC)) {
      throw new ProtocolException(
          "not a licensing message: first line must be '" + MAGIC + " <version> <TYPE>'");
    }
    MessageType type;
    try {
      type = MessageType.valueOf(head[2]);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("unknown message type '" + head[2] + "'");
    }
    Fields f = new Fields(type, head[1]);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(": ");
      if (colon <= 0) {
        throw new ProtocolException("line " + (i + 1) + " is not 'name: value'");
      }
      f.put(lines[i].substring(0, colon), unescape(lines[i].substring(colon + 2), i + 1));
    }
    return f;
  }

  String one(String name) throws ProtocolException {
    List<String> all = all(name);
    if (all.size() != 1) {
      throw new ProtocolException(
          type + " must have exactly one '" + name + "' field but has " + all.size());
    }
    return all.get(0);
  }

  Optional<String> optional(String name) throws ProtocolException {
    List<String> all = all(name);
    if (all.size() > 1) {
      throw new ProtocolException(type + " has more than one '" + name + "' field");
    }
    return all.stream().findFirst();
  }

  List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (String[] p : pairs) {
      if (p[0].equals(name)) {
        values.add(p[1]);
      }
    }
    return values;
  }

  Instant instant(String name) throws ProtocolException {
    String v = one(name);
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new ProtocolException("'" + name + "' is not an ISO-8601 instant: " + v);
    }
  }

  byte[] bytes(String value, String name) throws ProtocolException {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("'" + name + "' is not base64");
    }
  }

  private static String escape(String v) {
    if (v.indexOf('\\') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String v, int line) throws ProtocolException {
    if (v.indexOf('\\') < 0) {
      if (v.indexOf('\r') >= 0) {
        throw new ProtocolException("line " + line + " has a raw carriage return");
      }
      return v;
    }
    StringBuilder b = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (++i == v.length()) {
        throw new ProtocolException("line " + line + " ends in a lone backslash");
      }
      switch (v.charAt(i)) {
        case '\\' -> b.append('\\');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        default ->
            throw new ProtocolException("line " + line + " has an unknown escape \\" + v.charAt(i));
      }
    }
    return b.toString();
  }
}
