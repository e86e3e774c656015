package org.opensmartagent.transport.internal;

import java.util.Base64;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.TransportException;

/** Field checks shared by the envelope codecs. Stateless. */
public final class Envelopes {
  private Envelopes() {}

  public static TransportException malformed(String what) {
    return new TransportException(
        TransportException.Kind.MALFORMED_RESPONSE,
        "The license server's answer is malformed: " + what + "; check the transport URL and kind");
  }

  public static TransportException malformed(String what, Throwable cause) {
    return new TransportException(
        TransportException.Kind.MALFORMED_RESPONSE,
        "The license server's answer is malformed: " + what + "; check the transport URL and kind",
        cause);
  }

  /** Decodes a standard base64 field, refusing anything else. */
  public static byte[] base64(String field, String value) throws TransportException {
    try {
      return Base64.getDecoder().decode(requireBase64Alphabet(field, value));
    } catch (IllegalArgumentException e) {
      throw malformed("field " + field + " is not valid base64", e);
    }
  }

  public static MessageType messageType(String value) throws TransportException {
    try {
      return MessageType.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw malformed("unknown message type " + excerpt(value, 40), e);
    }
  }

  /** A printable, single-line excerpt of at most {@code max} characters, for messages. */
  public static String excerpt(String text, int max) {
    String cleaned = text.replaceAll("[^\\x20-\\x7E]+", " ").strip();
    return cleaned.length() <= max ? cleaned : cleaned.substring(0, max) + "…";
  }

  private static String requireBase64Alphabet(String field, String value)
      throws TransportException {
    String compact = value.replaceAll("\\s+", "");
    if (!compact.matches("[A-Za-z0-9+/]*={0,2}") || compact.length() % 4 != 0) {
      throw malformed("field " + field + " is not valid base64");
    }
    return compact;
  }
}
