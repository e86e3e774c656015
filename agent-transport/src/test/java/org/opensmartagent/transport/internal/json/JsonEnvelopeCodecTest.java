package org.opensmartagent.transport.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.transport.TestMessages.assertSameMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.transport.TestMessages;

class JsonEnvelopeCodecTest {
  private final JsonEnvelopeCodec codec = new JsonEnvelopeCodec();

  @Test
  void encodesTheDocumentedFields() throws Exception {
    SignedMessage message = TestMessages.request(MessageType.AUTHORIZE_REQUEST);

    JsonNode json = new ObjectMapper().readTree(codec.encode(message));

    assertThat(json.get("version").asText()).isEqualTo("1.3");
    assertThat(json.get("type").asText()).isEqualTo("AUTHORIZE_REQUEST");
    assertThat(json.get("payload").asText()).isEqualTo(TestMessages.base64(message.payload()));
    assertThat(json.get("signature").asText()).isEqualTo(TestMessages.base64(message.signature()));
    assertThat(json.get("certificates")).hasSize(2);
    assertThat(codec.contentType()).isEqualTo("application/json");
  }

  @Test
  void decodesWhatItEncodes() throws Exception {
    SignedMessage message = TestMessages.request(MessageType.REGISTER_REQUEST);

    assertSameMessage(codec.decode(codec.encode(message)), message);
  }

  @Test
  void ignoresUnknownFields() throws Exception {
    SignedMessage answer = TestMessages.answer(MessageType.AUTHORIZE_RESPONSE);
    String json = TestMessages.json(answer).replace("{\"version\"", "{\"future\":[1],\"version\"");

    assertSameMessage(decode(json), answer);
  }

  @Test
  void refusesMalformedJson() {
    assertMalformed("{\"version\":", "not valid JSON");
    assertMalformed("", "empty");
    assertMalformed("[1,2]", "not an object");
  }

  @Test
  void refusesMissingOrMistypedFields() {
    String json = TestMessages.json(TestMessages.answer(MessageType.AUTHORIZE_RESPONSE));

    assertMalformed(json.replace("\"signature\"", "\"sig\""), "\"signature\"");
    assertMalformed(json.replace("\"certificates\":[", "\"certificates\":[1,"), "non-string");
    assertMalformed(json.replace("\"version\":\"1.3\"", "\"version\":1.3"), "\"version\"");
    assertMalformed(json.replace("AUTHORIZE_RESPONSE", "WHATEVER"), "unknown message type");
  }

  @Test
  void refusesBadBase64AndDuplicateKeys() {
    String json = TestMessages.json(TestMessages.answer(MessageType.AUTHORIZE_RESPONSE));

    assertMalformed(
        json.replace("\"payload\":\"", "\"payload\":\"!!"), "payload is not valid base64");
    assertMalformed(json.replace("{\"version\"", "{\"type\":\"X\",\"version\""), "not valid JSON");
  }

  private SignedMessage decode(String json) throws TransportException {
    return codec.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private void assertMalformed(String json, String messagePart) {
    assertThatThrownBy(() -> decode(json))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.MALFORMED_RESPONSE))
        .hasMessageContaining(messagePart);
  }
}
