package org.opensmartagent.core;

import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.TrustedStore;

/** Reads what is stored, the way a restarted agent would, for assertions. */
final class StoredState {
  private StoredState() {}

  static RegistrationState registration(TrustedStore store) throws StoreException {
    return registration(store.load().payload());
  }

  static RegistrationState registration(byte[] payload) {
    return org.opensmartagent.core.internal.StateInspector.registration(payload);
  }
}
