package org.opensmartagent.transport.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.transport.internal.EnvelopeCodec;
import org.opensmartagent.transport.internal.Envelopes;

/**
 * The Smart Transport JSON envelope: {@code
 * {"version":"1.3","type":"…","payload":"<b64>","signature":"<b64>","certificates":["<b64>"]}}.
 * Unknown fields are ignored for forward compatibility; missing or mistyped fields, duplicate keys
 * and bad base64 are {@code MALFORMED_RESPONSE}. Thread-safe.
 */
public final class JsonEnvelopeCodec implements EnvelopeCodec {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(16).build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public byte[] encode(SignedMessage message) {
    Base64.Encoder base64 = Base64.getEncoder();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", message.version());
    root.put("type", message.type().name());
    root.put("payload", base64.encodeToString(message.payload()));
    root.put("signature", base64.encodeToString(message.signature()));
    ArrayNode certificates = root.putArray("certificates");
    message.certificateChain().forEach(der -> certificates.add(base64.encodeToString(der)));
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree of strings", e);
    }
  }

  @Override
  public SignedMessage decode(byte[] body) throws TransportException {
    JsonNode root = parse(body);
    if (!root.isObject()) {
      throw Envelopes.malformed("the JSON envelope is not an object");
    }
    return new SignedMessage(
        Envelopes.messageType(text(root, "type")),
        text(root, "version"),
        Envelopes.base64("payload", text(root, "payload")),
        Envelopes.base64("signature", text(root, "signature")),
        certificates(root));
  }

  private static JsonNode parse(byte[] body) throws TransportException {
    JsonNode root = readTree(body);
    if (root == null || root.isMissingNode()) {
      throw Envelopes.malformed("the body is empty, expected a JSON envelope");
    }
    return root;
  }

  private static JsonNode readTree(byte[] body) throws TransportException {
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw Envelopes.malformed("the body is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw Envelopes.malformed("the body cannot be read as JSON", e);
    }
  }

  private static String text(JsonNode root, String field) throws TransportException {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual()) {
      throw Envelopes.malformed("the JSON envelope lacks the string field \"" + field + "\"");
    }
    return node.textValue();
  }

  private static List<byte[]> certificates(JsonNode root) throws TransportException {
    JsonNode node = root.get("certificates");
    if (node == null || !node.isArray()) {
      throw Envelopes.malformed("the JSON envelope lacks the array field \"certificates\"");
    }
    List<byte[]> result = new ArrayList<>();
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw Envelopes.malformed("\"certificates\" holds a non-string element");
      }
      result.add(Envelopes.base64("certificates", element.textValue()));
    }
    return result;
  }
}
