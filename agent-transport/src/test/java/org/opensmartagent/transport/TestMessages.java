package org.opensmartagent.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;

/** Sample signed messages with bytes that exercise base64 and XML escaping. */
public final class TestMessages {
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

  private TestMessages() {}

  public static SignedMessage request(MessageType type) {
    return new SignedMessage(
        type,
        SignedMessage.CURRENT_VERSION,
        "{\"udi\":\"<PID:X&SN:1>\"}".getBytes(StandardCharsets.UTF_8),
        new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 60, 38},
        List.of(new byte[] {48, -126, 1, 2}, new byte[] {48, -126, 3, 4, 5}));
  }

  public static SignedMessage answer(MessageType type) {
    return new SignedMessage(
        type,
        SignedMessage.CURRENT_VERSION,
        "answer-payload".getBytes(StandardCharsets.UTF_8),
        new byte[] {9, 8, 7},
        List.of(new byte[] {48, 1}));
  }

  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The Smart Transport JSON for {@code message}, written by hand rather than by the codec. */
  public static String json(SignedMessage message) {
    StringBuilder certificates = new StringBuilder();
    for (byte[] der : message.certificateChain()) {
      certificates.append(certificates.length() == 0 ? "" : ",").append('"').append(base64(der));
      certificates.append('"');
    }
    return "{\"version\":\""
        + message.version()
        + "\",\"type\":\""
        + message.type()
        + "\",\"payload\":\""
        + base64(message.payload())
        + "\",\"signature\":\""
        + base64(message.signature())
        + "\",\"certificates\":["
        + certificates
        + "]}";
  }

  public static void assertSameMessage(SignedMessage actual, SignedMessage expected) {
    assertThat(actual.type()).isEqualTo(expected.type());
    assertThat(actual.version()).isEqualTo(expected.version());
    assertThat(actual.payload()).isEqualTo(expected.payload());
    assertThat(actual.signature()).isEqualTo(expected.signature());
    assertThat(actual.certificateChain()).hasSameSizeAs(expected.certificateChain());
    for (int i = 0; i < expected.certificateChain().size(); i++) {
      assertThat(actual.certificateChain().get(i)).isEqualTo(expected.certificateChain().get(i));
    }
  }
}
