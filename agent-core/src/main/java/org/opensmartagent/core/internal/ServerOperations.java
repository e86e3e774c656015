package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.Optional;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.OperationResult.Operation;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.transport.DeregisterRequest;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.core.transport.TransportException;

/**
 * The operations that talk to the license server: register ({@link Registrations}), authorize and
 * renew the ID certificate ({@link Renewals}), deregister. Each prepares its request in one commit,
 * calls the transport with no state lock held, and applies the answer in a second commit. A
 * transport failure is retried with backoff; a rejection is final.
 */
public final class ServerOperations {
  private final StateAccess state;
  private final EngineConfig config;
  private final Signing signing;
  private final Registrations registrations;
  private final Renewals renewals;

  ServerOperations(StateAccess state, EngineConfig config) {
    this.state = state;
    this.config = config;
    this.signing = new Signing(config);
    this.renewals = new Renewals(state, config, signing);
    this.registrations = new Registrations(state, config, signing, renewals);
  }

  public OperationResult register(String token, boolean force) {
    return registrations.register(token, force);
  }

  public OperationResult renewAuthorization() {
    return state.exclusive("renew the authorization", renewals::authorizeNow);
  }

  public OperationResult renewId() {
    return state.exclusive("renew the ID certificate", renewals::renewIdNow);
  }

  public OperationResult deregister() {
    return state.exclusive(
        "deregister",
        () -> {
          Optional<String> pi =
              state.commit(
                  (s, now, ev) -> {
                    switch (s.registration) {
                      case REGISTERED:
                        s.lastCommunicationAttempt = Optional.of(now);
                        return s.reg.map(Registration::productInstanceId);
                      case REGISTRATION_RETRY, REGISTRATION_FAILED, REGISTRATION_EXPIRED:
                        return Optional.<String>empty();
                      default:
                        throw new IllegalStateException(
                            "Cannot deregister: the product is not registered ("
                                + s.registration.displayName()
                                + ")");
                    }
                  });
          registrations.forgetPending();
          OperationResult told =
              pi.map(this::tellServer)
                  .orElse(
                      OperationResult.success(
                          Operation.DEREGISTER, "Local registration state cleared."));
          state.commit(
              (s, now, ev) -> {
                s.clearRegistration();
                s.lastRegistrationFailure = Optional.empty();
                s.beforeAttempt = RegistrationState.UNREGISTERED;
                Transitions.registration(s, RegistrationState.UNREGISTERED, ev);
                ev.add(
                    told.succeeded() ? EventCode.AGENT_DEREG_SUCCESS : EventCode.AGENT_DEREG_FAILED,
                    told.message());
                return null;
              });
          return told;
        });
  }

  private OperationResult tellServer(String productInstanceId) {
    String local =
        " The local registration was removed anyway; remove product instance "
            + productInstanceId
            + " from the virtual account by hand.";
    try {
      signing.withIdCertificate(state.current());
      ServerReply<?> reply =
          config.transport().deregister(new DeregisterRequest(productInstanceId, signing.nonce()));
      if (reply.isAccepted()) {
        return OperationResult.success(
            Operation.DEREGISTER,
            "Deregistered; the licenses of "
                + productInstanceId
                + " went back to the virtual account.");
      }
      ServerReply.Rejection r = reply.rejection().orElseThrow();
      return OperationResult.rejected(
          Operation.DEREGISTER, r.reason(), "The license server refused: " + r.describe() + local);
    } catch (TransportException e) {
      return OperationResult.communicationFailed(
          Operation.DEREGISTER,
          "The license server could not be reached (" + e.getMessage() + ")." + local,
          Optional.empty());
    }
  }

  /** Runs one action {@link Due} found due; on the scheduler thread with the operation lock. */
  void run(Due.Action action, Instant now) {
    switch (action) {
      case REGISTER_RETRY -> registrations.runPending(now);
      case AUTHORIZE -> renewals.authorizeNow();
      case RENEW_ID -> renewals.renewIdNow();
      case TICK -> {}
    }
  }

  Renewals renewals() {
    return renewals;
  }

  Optional<Instant> pendingRetry() {
    return registrations.pendingRetry();
  }

  void forgetPending() {
    registrations.forgetPending();
  }

  static String requireRegistered(AgentState s, String what) {
    if (s.durableRegistration() != RegistrationState.REGISTERED || s.reg.isEmpty()) {
      throw new IllegalStateException(
          "Cannot "
              + what
              + ": the product is not registered ("
              + s.registration.displayName()
              + "). Register it with a token first.");
    }
    return s.reg.get().productInstanceId();
  }

  static void communicationFailed(AgentState s, TransportException e, Events ev) {
    if (!s.communicationFailing) {
      s.communicationFailing = true;
      ev.add(
          EventCode.COMM_FAILED,
          "Communication with the license server failed: " + e.getMessage(),
          "kind",
          e.kind());
    }
  }

  static void communicationRestored(AgentState s, Events ev) {
    if (s.communicationFailing) {
      s.communicationFailing = false;
      ev.add(EventCode.COMM_RESTORED, "Communication with the license server restored");
    }
  }
}
