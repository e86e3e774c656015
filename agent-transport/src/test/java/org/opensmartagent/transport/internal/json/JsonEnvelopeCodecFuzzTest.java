package org.opensmartagent.transport.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;

/**
 * Fuzzes the Smart Transport envelope decoder with arbitrary response bodies: it returns a message
 * or throws {@link TransportException} with a message, nothing else. Seeds are real envelopes.
 */
class JsonEnvelopeCodecFuzzTest {
  private final JsonEnvelopeCodec codec = new JsonEnvelopeCodec();

  @FuzzTest(maxDuration = "30s")
  void decode(byte[] body) {
    SignedMessage message;
    try {
      message = codec.decode(body);
    } catch (TransportException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(message.type()).isNotNull();
    assertThat(message.payload()).isNotNull();
  }
}
