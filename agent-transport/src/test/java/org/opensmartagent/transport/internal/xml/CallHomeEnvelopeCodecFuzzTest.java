package org.opensmartagent.transport.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.transport.TestMessages;

/**
 * Fuzzes the Call Home (SOAP/AML) envelope decoder with arbitrary response bodies, DTDs and
 * entities included: it returns a message or throws {@link TransportException} with a message.
 */
class CallHomeEnvelopeCodecFuzzTest {
  private final CallHomeEnvelopeCodec codec =
      new CallHomeEnvelopeCodec(
          URI.create("https://gw.example/Transportgateway"), TestMessages.CLOCK);

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
