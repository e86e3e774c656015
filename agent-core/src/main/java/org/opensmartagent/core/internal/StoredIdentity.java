package org.opensmartagent.core.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.identity.ChainValidator;
import org.opensmartagent.core.identity.IdentityException;

/**
 * Re-verifies, on every load, the server-signed material kept exactly as received: the ID
 * certificate chain must still chain to the pinned root and certify the stored device key. A
 * registration that fails is dropped (the product must register again) through {@link Transitions},
 * like every other move; time validity is left to the expiry rules. An installed reservation is
 * re-verified when the firmware configures the reservation signing key; without one it is kept as
 * it is (it verified when it was installed) and a warning says it was not checked.
 */
final class StoredIdentity {
  private StoredIdentity() {}

  static void reverify(AgentState s, EngineConfig config, List<AgentEvent> out) {
    Events events = new Events(config.clock().instant());
    try {
      reverify(s, config, events);
    } finally {
      out.addAll(events.list());
    }
  }

  private static void reverify(AgentState s, EngineConfig config, Events events) {
    reverifyReservation(s, config, events);
    if (config.pinnedRoot().isEmpty() || s.reg.isEmpty()) {
      return;
    }
    Registration r = s.reg.get();
    try {
      Instant within = r.idCertNotBefore().plusSeconds(1);
      X509Certificate leaf =
          new ChainValidator(config.pinnedRoot().get())
              .validateNodeChain(r.idCertificateChain(), within);
      byte[] key = r.keys(config.secureRandom()).encodedPublicKey();
      if (!Arrays.equals(leaf.getPublicKey().getEncoded(), key)) {
        throw new IllegalStateException(
            "the ID certificate does not certify the stored device key");
      }
    } catch (IdentityException | IllegalStateException e) {
      s.clearRegistration();
      Transitions.registration(s, RegistrationState.UNREGISTERED, events);
      s.beforeAttempt = RegistrationState.UNREGISTERED;
      dropped(events, "The stored ID certificate failed verification (" + e.getMessage());
    }
  }

  /** The installed authorization code must still verify with the reservation signing key. */
  private static void reverifyReservation(AgentState s, EngineConfig config, Events events) {
    if (s.installed.isEmpty()) {
      return;
    }
    if (config.reservationKey().isEmpty()) {
      events.add(
          EventCode.RESERVED_INSTALLED,
          "The installed "
              + s.installed.get().type()
              + " reservation is kept but was not re-verified: this firmware configures no"
              + " reservation signing key. Configure it so that the code is checked at every"
              + " start.");
      return;
    }
    try {
      s.installed.get().verify(config.reservationKey().get());
    } catch (IdentityException | IllegalStateException e) {
      s.installed = Optional.empty();
      Transitions.registration(s, RegistrationState.UNREGISTERED, events);
      s.beforeAttempt = RegistrationState.UNREGISTERED;
      dropped(
          events,
          "The stored reservation authorization code failed verification (" + e.getMessage());
    }
  }

  private static void dropped(Events events, String what) {
    events.add(
        EventCode.STORE_CORRUPTED,
        what + "); it was dropped. Register the product or install a reservation again.");
  }
}
