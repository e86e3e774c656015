package org.opensmartagent.core.internal;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.identity.ChainValidator;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.CodeInspection;
import org.opensmartagent.core.reservation.ConfirmationCode;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReturnCode;

/**
 * Offline reservation (SLR and PLR): enable, request a code, install, reauthorize, return, cancel,
 * disable and inspect. Every operation is one commit, so a code that fails any check leaves the
 * stored state exactly as it was.
 */
public final class ReservationOperations {
  private final StateAccess state;
  private final EngineConfig config;

  ReservationOperations(StateAccess state, EngineConfig config) {
    this.state = state;
    this.config = config;
  }

  public void enable() {
    state.commit(
        (s, now, ev) -> {
          requireSmartLicensing(s);
          if (s.registration == RegistrationState.REGISTERED
              || s.registration == RegistrationState.REGISTERING) {
            throw new IllegalStateException(
                "Already registered: deregister the product before enabling license reservation");
          }
          if (!s.reservationEnabled) {
            s.reservationEnabled = true;
            ev.add(EventCode.RESERVATION_ENABLED, "License reservation is enabled");
          }
          return null;
        });
  }

  public void disable() {
    state.commit(
        (s, now, ev) -> {
          if (s.pendingRequest.isPresent()) {
            cancelPending(s, ev, "cancelled because license reservation was disabled");
          }
          if (s.reservationEnabled) {
            s.reservationEnabled = false;
            ev.add(
                EventCode.RESERVATION_DISABLED,
                "License reservation is disabled"
                    + (s.installed.isPresent() ? "; the installed reservation is kept" : ""));
          }
          return null;
        });
  }

  /** The request code; asking again returns the same code until it is cancelled. */
  public RequestCode requestCode(ReservationType type) {
    return state.commit(
        (s, now, ev) -> {
          requireSmartLicensing(s);
          if (!s.reservationEnabled) {
            throw new IllegalStateException(
                "License reservation is not enabled; enable it before requesting a code");
          }
          if (s.pendingRequest.isPresent()) {
            RequestCode pending = s.pendingRequest.get();
            if (pending.type().filter(t -> t != type).isPresent()) {
              throw new IllegalStateException(
                  "A "
                      + pending.type().get()
                      + " request code is pending ("
                      + pending.text()
                      + "); cancel it before requesting a "
                      + type
                      + " one");
            }
            return pending;
          }
          switch (s.registration) {
            case REGISTERED ->
                throw new IllegalStateException(
                    "Already registered: deregister the product before requesting a reservation"
                        + " code");
            case REGISTERING, REGISTRATION_RETRY ->
                throw new IllegalStateException(
                    "A registration is under way ("
                        + s.registration.displayName()
                        + "): wait for it to end, or deregister to cancel it, before requesting"
                        + " a reservation code");
            case REGISTERED_SLR, REGISTERED_PLR ->
                throw new IllegalStateException(
                    "A reservation is already installed; return it before requesting a new code");
            default -> {}
          }
          RequestCode code =
              RequestCode.create(
                  type, config.udis().get(0), config.agentVersion(), config.random());
          s.pendingRequest = Optional.of(code);
          s.lastReminder = Optional.of(now);
          s.beforeAttempt = RegistrationState.RESERVATION_IN_PROGRESS;
          Transitions.registration(s, RegistrationState.RESERVATION_IN_PROGRESS, ev);
          ev.add(
              EventCode.RESERVATION_REQUEST_PENDING,
              "Request code " + code.text() + " generated; it waits for its authorization code");
          return code;
        });
  }

  public void cancel() {
    state.commit(
        (s, now, ev) -> {
          if (s.pendingRequest.isEmpty()) {
            throw new IllegalStateException(
                "No reservation in progress: there is no request code to cancel");
          }
          cancelPending(s, ev, "cancelled; a new request code will be different");
          return null;
        });
  }

  /** Installs the authorization code answering the pending request. */
  public void install(String text) {
    AuthorizationCode code = parseOrReport(text);
    try {
      state.commit(
          (s, now, ev) -> {
            RequestCode pending =
                s.pendingRequest.orElseThrow(
                    () ->
                        new IllegalStateException(
                            s.installed.isPresent()
                                ? "A reservation is already installed; use reauthorize to update it"
                                : "No reservation in progress: request a code first"));
            matchDevice(code);
            if (pending.type().filter(t -> t != code.type()).isPresent()) {
              throw new IllegalArgumentException(
                  "The Reservation Authorization Code does not match the Reservation Request Code "
                      + pending.text()
                      + ": the request asks for a "
                      + pending.type().get()
                      + " reservation, the code holds a "
                      + code.type()
                      + " one");
            }
            verify(code);
            requireSigningCertificateValidAt(now);
            s.pendingRequest = Optional.empty();
            s.lastReminder = Optional.empty();
            s.installed = Optional.of(code);
            RegistrationState to =
                code.type() == ReservationType.SPECIFIC
                    ? RegistrationState.REGISTERED_SLR
                    : RegistrationState.REGISTERED_PLR;
            s.beforeAttempt = to;
            Transitions.registration(s, to, ev);
            ev.add(EventCode.RESERVED_INSTALLED, "Reservation install file successful");
            return null;
          });
    } catch (IllegalArgumentException | IllegalStateException e) {
      failed(e);
      throw e;
    }
  }

  /** Installs an updated SLR code and returns the confirmation code for the license server. */
  public String reauthorize(String text) {
    AuthorizationCode code = parseOrReport(text);
    try {
      return state.commit(
          (s, now, ev) -> {
            if (s.registration == RegistrationState.REGISTERED_PLR) {
              throw new IllegalStateException(
                  "This operation is not supported in permanent reservation mode");
            }
            AuthorizationCode old =
                s.installed
                    .filter(i -> s.registration == RegistrationState.REGISTERED_SLR)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "No authorization installed; install one first"));
            matchDevice(code);
            verify(code);
            requireSigningCertificateValidAt(now);
            if (code.type() != ReservationType.SPECIFIC
                || !code.productInstanceId().equals(old.productInstanceId())) {
              throw new IllegalArgumentException(
                  "The Reservation Authorization Code does not match the installed reservation");
            }
            if (!code.timestamp().isAfter(old.timestamp())) {
              throw new IllegalArgumentException(
                  "This authorization code (issued "
                      + code.timestamp()
                      + ") is not newer than the installed one (issued "
                      + old.timestamp()
                      + "); an older code cannot be installed again");
            }
            s.installed = Optional.of(code);
            s.entitlements.values().forEach(e -> e.reservedNoticesFired = 0);
            String confirmation = ConfirmationCode.of(code);
            s.lastConfirmationCode = Optional.of(confirmation);
            ev.add(
                EventCode.RESERVED_INSTALLED,
                "Reservation updated; give confirmation code "
                    + confirmation
                    + " to the license server",
                "confirmationCode",
                confirmation);
            return confirmation;
          });
    } catch (IllegalArgumentException | IllegalStateException e) {
      failed(e);
      throw e;
    }
  }

  /** Removes the installed reservation and returns the code that frees its licenses. */
  public ReturnCode returnReservation() {
    return state.commit(
        (s, now, ev) -> {
          AuthorizationCode code =
              s.installed
                  .filter(i -> Rules.isReservationInstalled(s))
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              s.pendingRequest.isPresent()
                                  ? "No authorization installed; cancel the request code instead"
                                  : "No authorization installed: there is nothing to return"));
          ReturnCode r = ReturnCode.create(code, config.random());
          s.installed = Optional.empty();
          s.lastReturnCode = Optional.of(r.text());
          s.entitlements.values().forEach(e -> e.reason = "");
          s.beforeAttempt = RegistrationState.UNREGISTERED;
          Transitions.registration(s, RegistrationState.UNREGISTERED, ev);
          ev.add(
              EventCode.RESERVATION_RETURN_CODE_GENERATED,
              "Return code generated; enter it on the license server to free the licenses",
              "returnCode",
              r.text());
          ev.add(
              EventCode.RESERVATION_REMOVED,
              "The reservation was removed; the product is unregistered");
          return r;
        });
  }

  /** Reads a code without installing it: what it holds and whether it would be accepted. */
  public CodeInspection inspect(String text) {
    AuthorizationCode code = AuthorizationCode.parse(text);
    AgentState s = state.current();
    Optional<String> untrusted = Optional.empty();
    try {
      verify(code);
    } catch (IllegalStateException | IllegalArgumentException e) {
      untrusted = Optional.of(e.getMessage());
    }
    boolean forDevice = code.udi().toCompactString().equals(config.udis().get(0).toCompactString());
    boolean answersPending =
        forDevice
            && s.pendingRequest
                .filter(p -> p.type().filter(t -> t != code.type()).isEmpty())
                .isPresent();
    return new CodeInspection(code, untrusted.isEmpty(), untrusted, forDevice, answersPending);
  }

  private AuthorizationCode parseOrReport(String text) {
    try {
      return AuthorizationCode.parse(text);
    } catch (IllegalArgumentException e) {
      failed(e);
      throw e;
    }
  }

  /**
   * The reservation signing chain was checked at start in every respect but time (a wrong device
   * clock never stops the agent starting); a code is installed only at a time the chain is valid.
   */
  private void requireSigningCertificateValidAt(Instant now) {
    List<byte[]> chain = config.reservationChain();
    if (chain.isEmpty() || config.pinnedRoot().isEmpty()) {
      return;
    }
    try {
      new ChainValidator(config.pinnedRoot().get()).validateSigningChain(chain, now);
    } catch (IdentityException e) {
      throw new IllegalStateException(
          "The authorization code cannot be trusted at the device's time "
              + now
              + ": the reservation signing certificate "
              + (e.reason() == IdentityException.Reason.CERT_EXPIRED
                  ? "has expired"
                  : e.reason() == IdentityException.Reason.CERT_NOT_YET_VALID
                      ? "is not valid yet"
                      : "does not validate")
              + " ("
              + e.getMessage()
              + "). Check the device clock (set the date and time, or enable NTP), then install"
              + " the code again.");
    }
  }

  private void verify(AuthorizationCode code) {
    PublicKey key =
        config
            .reservationKey()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No reservation signing certificate is configured, so no authorization"
                            + " code can be trusted; configure the one that ships with the product"));
    try {
      code.verify(key);
    } catch (IdentityException e) {
      throw new IllegalArgumentException(
          "The authorization code's signature is not valid: it was altered or not issued by the"
              + " license server ("
              + e.reason()
              + ")");
    }
  }

  /**
   * A code answers the device's pending request when it is for this device's UDI (and of the type
   * asked for): real codes carry nothing else that ties them to a request; their {@code <piid>} is
   * assigned by the license server.
   */
  private void matchDevice(AuthorizationCode code) {
    String device = config.udis().get(0).toCompactString();
    if (!code.udi().toCompactString().equals(device)) {
      throw new IllegalArgumentException(
          "The Reservation Authorization Code does not match the Reservation Request Code: it is for "
              + code.udi().toCompactString()
              + ", this device is "
              + device);
    }
  }

  private static void cancelPending(AgentState s, Events ev, String why) {
    String text = s.pendingRequest.get().text();
    s.pendingRequest = Optional.empty();
    s.lastReminder = Optional.empty();
    if (s.registration == RegistrationState.RESERVATION_IN_PROGRESS) {
      s.beforeAttempt = RegistrationState.UNREGISTERED;
      Transitions.registration(s, RegistrationState.UNREGISTERED, ev);
    }
    ev.add(EventCode.RESERVATION_REMOVED, "Request code " + text + " " + why);
  }

  private static void requireSmartLicensing(AgentState s) {
    if (!s.enabled) {
      throw new IllegalStateException("Smart licensing is not enabled. Enable it first.");
    }
  }

  private void failed(RuntimeException e) {
    state.deliver(
        AgentEvent.of(
            EventCode.RESERVATION_INSTALL_FAILED,
            state.peekTime(),
            "Reservation install failed: " + e.getMessage()));
  }
}
