package org.opensmartagent.core.internal;

import org.opensmartagent.core.RegistrationState;

/** Read-only views of a stored payload, for diagnostics tools and tests. */
public final class StateInspector {
  private StateInspector() {}

  /** The durable registration state in a stored payload. */
  public static RegistrationState registration(byte[] payload) {
    return StateCodec.decode(payload).registration;
  }
}
