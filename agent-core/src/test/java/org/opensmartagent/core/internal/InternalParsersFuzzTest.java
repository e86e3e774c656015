package org.opensmartagent.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.opensmartagent.core.Contract;

/**
 * Fuzzes the token check behind {@code SmartAgent.register} and the decoder of the stored agent
 * state (whose bytes passed the store's HMAC, so only a bug or a downgrade could produce them).
 */
class InternalParsersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void registrationToken(byte[] data) {
    String token = Contract.text(data);
    Contract.holds(() -> Registrations.validateToken(token), IllegalArgumentException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void stateCodecDecode(byte[] data) {
    Contract.holds(
        () -> {
          AgentState state = StateCodec.decode(data);
          assertThat(state.registration).isNotNull();
          // What decodes encodes, and the encoding is stable: a saved state loads as it was.
          byte[] again = StateCodec.encode(state);
          assertThat(StateCodec.encode(StateCodec.decode(again))).isEqualTo(again);
        },
        IllegalArgumentException.class);
  }
}
