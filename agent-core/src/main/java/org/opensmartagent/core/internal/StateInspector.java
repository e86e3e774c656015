package org.opensmartagent.core.internal;

import org.opensmartagent.core.RegistrationState;

/** Read-only views of a stored payload, for diagnostics tools and tests. */
public final class StateInspector {
  private StateInspector() {}

  /** The device's private key (PKCS#8) in a stored payload, if registered; for leak checks. */
  public static java.util.Optional<byte[]> privateKey(byte[] payload) {
    return StateCodec.decode(payload).reg.map(Registration::privateKey);
  }

  /** The durable registration state in a stored payload. */
  public static RegistrationState registration(byte[] payload) {
    return StateCodec.decode(payload).registration;
  }
}
