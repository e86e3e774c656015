package org.opensmartagent.core.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.opensmartagent.core.Contract;

/**
 * Fuzzes every decoder of {@link ProtocolCodec}: the agent decodes the server's answers, the mock
 * server decodes the agent's requests. Each may only throw {@link ProtocolException}.
 */
class ProtocolCodecFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void typeOf(byte[] data) {
    Contract.holds(() -> ProtocolCodec.typeOf(data), ProtocolException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void registerRequest(byte[] data) {
    Contract.holds(() -> ProtocolCodec.decodeRegisterRequest(data), ProtocolException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void authorizeRequest(byte[] data) {
    Contract.holds(() -> ProtocolCodec.decodeAuthorizeRequest(data), ProtocolException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void renewIdRequest(byte[] data) {
    Contract.holds(() -> ProtocolCodec.decodeRenewIdRequest(data), ProtocolException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void deregisterRequest(byte[] data) {
    Contract.holds(() -> ProtocolCodec.decodeDeregisterRequest(data), ProtocolException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void registerResponse(byte[] data) {
    Contract.holds(() -> ProtocolCodec.decodeRegisterResponse(data), ProtocolException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void authorizeResponse(byte[] data) {
    Contract.holds(() -> ProtocolCodec.decodeAuthorizeResponse(data), ProtocolException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void renewIdResponse(byte[] data) {
    Contract.holds(() -> ProtocolCodec.decodeRenewIdResponse(data), ProtocolException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void deregisterResponse(byte[] data) {
    Contract.holds(() -> ProtocolCodec.decodeDeregisterResponse(data), ProtocolException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void tryAgainLater(byte[] data) {
    Contract.holds(() -> ProtocolCodec.decodeTryAgainLater(data), ProtocolException.class);
  }
}
