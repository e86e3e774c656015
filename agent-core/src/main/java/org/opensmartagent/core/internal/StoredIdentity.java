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
 * registration that fails is dropped (the product must register again); time validity is left to
 * the expiry rules.
 */
final class StoredIdentity {
  private StoredIdentity() {}

  static void reverify(AgentState s, EngineConfig config, List<AgentEvent> events) {
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
      s.registration = RegistrationState.UNREGISTERED;
      s.beforeAttempt = RegistrationState.UNREGISTERED;
      dropped(events, config, "The stored ID certificate failed verification (" + e.getMessage());
    }
  }

  /** The installed authorization code must still verify with the reservation signing key. */
  private static void reverifyReservation(
      AgentState s, EngineConfig config, List<AgentEvent> events) {
    if (s.installed.isEmpty()) {
      return;
    }
    try {
      s.installed
          .get()
          .verify(
              config
                  .reservationKey()
                  .orElseThrow(
                      () -> new IllegalStateException("no reservation signing key is configured")));
    } catch (IdentityException | IllegalStateException e) {
      s.installed = Optional.empty();
      s.registration = RegistrationState.UNREGISTERED;
      s.beforeAttempt = RegistrationState.UNREGISTERED;
      dropped(
          events,
          config,
          "The stored reservation authorization code failed verification (" + e.getMessage());
    }
  }

  private static void dropped(List<AgentEvent> events, EngineConfig config, String what) {
    {
      events.add(
          AgentEvent.of(
              EventCode.STORE_CORRUPTED,
              config.clock().instant(),
              what + "); it was dropped. Register the product or install a reservation again."));
    }
  }
}
