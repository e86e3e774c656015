package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.internal.Certificates;
import org.opensmartagent.core.identity.internal.UdiNames;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.StoreLoad;

/**
 * The engine's answer to what the store says about where its state came from: a state restored from
 * an older copy ({@link StoreLoad.Status#RESTORED}) keeps its registration but grants no evaluation
 * time and no reservation, and a state copied from another device is refused.
 */
final class StoreBinding {
  private StoreBinding() {}

  /** Strips what a restored state could grant again, and raises the restore event. */
  static AgentState restored(AgentState s, StoreLoad load, List<AgentEvent> events, Instant now) {
    s.evalRemaining = Duration.ZERO;
    s.evalCountingSince = Optional.empty();
    s.evalStarted = true;
    if (s.installed.isPresent()) {
      s.installed = Optional.empty();
      s.registration = RegistrationState.UNREGISTERED;
      s.beforeAttempt = RegistrationState.UNREGISTERED;
    }
    events.add(
        AgentEvent.of(
            EventCode.SYSTEM_CLOCK_CHANGED,
            now,
            "The licensing store was restored from an older copy ("
                + load.detail()
                + "). No evaluation time is left and no reservation was reinstated."));
    return s;
  }

  /**
   * Refuses a state that belongs to another device: the UDI of its installed reservation or of its
   * ID certificate is not this device's.
   */
  static void refuseForeign(AgentState s, EngineConfig config) throws StoreException {
    Udi primary = config.udis().get(0);
    Optional<Udi> reserved = s.installed.map(code -> code.udi());
    if (reserved.isPresent() && !sameUdi(reserved.get(), primary)) {
      throw foreign("its reservation is for " + reserved.get(), primary);
    }
    if (s.reg.isPresent()) {
      List<Udi> certified = certifiedUdis(s.reg.get());
      if (!certified.isEmpty() && certified.stream().noneMatch(u -> sameUdi(u, primary))) {
        throw foreign("its ID certificate is for " + certified.get(0), primary);
      }
    }
  }

  private static List<Udi> certifiedUdis(Registration r) {
    List<Udi> udis = new ArrayList<>();
    for (byte[] der : r.idCertificateChain()) {
      Optional<X509CertificateHolder> cert = Certificates.parse(der);
      if (cert.isEmpty() || cert.get().getExtensions() == null) {
        continue;
      }
      for (String text : UdiNames.fromAltNames(cert.get().getExtensions())) {
        try {
          udis.add(Udi.parse(text));
        } catch (IllegalArgumentException e) {
          // not a UDI we can compare; the chain check judges the certificate itself
        }
      }
    }
    return udis;
  }

  private static boolean sameUdi(Udi a, Udi b) {
    return a.toCompactString().equals(b.toCompactString());
  }

  private static StoreException foreign(String what, Udi primary) {
    return new StoreException(
        "The licensing store belongs to another device: "
            + what
            + ", but this device is "
            + primary
            + ". It was copied from elsewhere and is refused; nothing is granted. Restore this"
            + " device's own store, or move the copied one away and register this device.");
  }
}
