package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.OperationResult.Operation;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.core.transport.TransportException;

/**
 * Registration: a new device key and CSR per attempt, the token used once and kept only in memory
 * while a retry is pending, up to the policy's number of attempts when the server cannot be
 * reached, and the first authorization right after success.
 */
final class Registrations {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/%=\\-]{1,1024}");

  private final StateAccess state;
  private final EngineConfig config;
  private final ProductPolicy policy;
  private final Signing signing;
  private final Renewals renewals;
  private volatile Optional<PendingRegistration> pending = Optional.empty();

  /** A registration waiting for its retry; the token lives only here, in memory. */
  private record PendingRegistration(
      String token, DeviceKeys keys, boolean force, int attempts, Instant retryAt) {
    @Override
    public String toString() {
      return "PendingRegistration{attempts="
          + attempts
          + ", force="
          + force
          + ", retryAt="
          + retryAt
          + "}";
    }

    PendingRegistration at(Instant when) {
      return new PendingRegistration(token, keys, force, attempts, when);
    }
  }

  Registrations(StateAccess state, EngineConfig config, Signing signing, Renewals renewals) {
    this.state = state;
    this.config = config;
    this.policy = config.policy();
    this.signing = signing;
    this.renewals = renewals;
  }

  /** Checks a token's form without echoing it. */
  static void validateToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "The registration token is empty. Copy it from the virtual account's General tab.");
    }
    String t = token.strip();
    if (!TOKEN.matcher(t).matches()) {
      throw new IllegalArgumentException(
          "The registration token is malformed ("
              + t.length()
              + " characters; a token is up to 1024 of A-Z a-z 0-9 + / % = -). Copy it again"
              + " from the virtual account.");
    }
  }

  OperationResult register(String token, boolean force) {
    validateToken(token);
    String t = token.strip();
    return state.exclusive(
        "register",
        () -> {
          DeviceKeys keys = DeviceIdentity.newKeys(config);
          RegisterRequest request =
              state.commit(
                  (s, now, ev) -> {
                    requireRegistrable(s, force);
                    s.beforeAttempt = s.durableRegistration();
                    Transitions.registration(s, RegistrationState.REGISTERING, ev);
                    s.lastCommunicationAttempt = Optional.of(now);
                    ev.add(EventCode.AGENT_REG_IN_PROGRESS, "Registering with the license server");
                    return registerRequest(t, keys, force);
                  });
          pending = Optional.empty();
          try {
            return attemptRegistration(t, keys, force, request, 1);
          } catch (AgentStoreException e) {
            // in memory only (the disk refuses saves): after a forced re-register the old
            // registration is kept, though the server may have replaced it (seed 42582)
            state.changeTransient(
                (s, now, ev) -> {
                  String why = "the registration could not be saved on the device";
                  registrationFailed(
                      s, force && keepsOld(s) ? why + "." + checkSoon(s, now, "") : why, ev);
                });
            throw e;
          }
        });
  }

  private void requireRegistrable(AgentState s, boolean force) {
    if (!s.enabled) {
      throw new IllegalStateException(
          "Smart licensing is not enabled. Enable it before registering.");
    }
    switch (s.registration) {
      case UNREGISTERED, REGISTRATION_FAILED, REGISTRATION_EXPIRED, REGISTRATION_RETRY -> {}
      case REGISTERED -> {
        if (!force) {
          throw new IllegalStateException(
              "The product is already registered. Register with force to re-register it"
                  + " (the license server replaces the existing product instance).");
        }
      }
      case REGISTERING -> throw new IllegalStateException("A registration is already under way");
      default ->
          throw new IllegalStateException(
              "Cannot register while a license reservation is "
                  + (s.registration == RegistrationState.RESERVATION_IN_PROGRESS
                      ? "requested"
                      : "installed")
                  + " ("
                  + s.registration.displayName()
                  + "). Cancel or return the reservation first.");
    }
  }

  private RegisterRequest registerRequest(String token, DeviceKeys keys, boolean force) {
    EngineConfig c = config;
    return new RegisterRequest(
        token,
        c.udis(),
        c.policy().softwareTag(),
        signing.nonce(),
        c.hostname(),
        c.versionPrivacy() ? Optional.empty() : Optional.of(c.agentVersion()),
        state.current().conversionDone ? List.of() : c.classicLicenses(),
        DeviceIdentity.csr(keys, c.udis()),
        force);
  }

  private OperationResult attemptRegistration(
      String token, DeviceKeys keys, boolean force, RegisterRequest request, int attempt) {
    try {
      signing.withNewKey(keys);
      ServerReply<RegisterResponse> reply = config.transport().register(request);
      if (!reply.isAccepted()) {
        ServerReply.Rejection r = reply.rejection().orElseThrow();
        state.change((s, now, ev) -> registrationFailed(s, r.describe(), ev));
        return OperationResult.rejected(Operation.REGISTER, r.reason(), r.describe());
      }
      RegisterResponse body = reply.body();
      Responses.check(request.nonce(), body.nonce(), body.serverTime(), config);
      state.changeVerified(
          body.serverTime(), (s, now, ev) -> registered(s, now, body, request, keys, ev));
      OperationResult auth = renewals.authorizeNow();
      return OperationResult.success(
          Operation.REGISTER,
          "Registered as product instance "
              + body.productInstanceId()
              + " in "
              + body.smartAccount()
              + " / "
              + body.virtualAccount()
              + ". "
              + auth.message());
    } catch (TransportException e) {
      return registrationUnreachable(token, keys, force, attempt, e);
    }
  }

  private void registered(
      AgentState s,
      Instant now,
      RegisterResponse body,
      RegisterRequest request,
      DeviceKeys keys,
      Events ev) {
    s.clearRegistration();
    s.reg =
        Optional.of(
            new Registration(
                body.productInstanceId(),
                body.smartAccount(),
                body.virtualAccount(),
                body.exportControlled(),
                now,
                body.idCertNotBefore(),
                body.idCertNotAfter(),
                now,
                body.idCertificateChain(),
                keys.encodedPrivateKey(),
                keys.encodedPublicKey()));
    s.lastContact = Optional.of(now);
    s.lastRegistrationFailure = Optional.empty();
    s.beforeAttempt = RegistrationState.REGISTERED;
    Transitions.registration(s, RegistrationState.REGISTERED, ev);
    ev.add(
        EventCode.AGENT_REG_SUCCESS,
        "Registered with the license server as " + body.productInstanceId(),
        "productInstanceId",
        body.productInstanceId());
    ev.add(
        EventCode.EXPORT_CONTROLLED,
        "Export-Controlled Functionality: " + (body.exportControlled() ? "ALLOWED" : "Not Allowed"),
        "allowed",
        body.exportControlled());
    if (!request.classicLicenses().isEmpty() && !s.conversionDone) {
      s.conversionDone = true;
      ev.add(
          EventCode.LICENSE_CONVERSION_DONE,
          "Classic licenses converted to smart entitlements: " + body.convertedLicenses(),
          "converted",
          body.convertedLicenses());
    }
  }

  /** A failed registration keeps the registration the product had before the attempt. */
  private static boolean keepsOld(AgentState s) {
    return s.beforeAttempt == RegistrationState.REGISTERED;
  }

  /**
   * After a forced re-register whose outcome the device could not keep (its answer lost, or not
   * saved): the server may have replaced the instance the device still holds, so a usage report
   * falls due soon; a server that no longer knows the instance says so (INSTANCE_UNKNOWN). Returns
   * the sentence that tells the operator.
   */
  private String checkSoon(AgentState s, Instant now, String when) {
    s.usageDirty = true;
    s.usageReportDue = Optional.of(now.plus(policy.usageReportDelay()));
    return " The license server may have replaced the existing product instance"
        + when
        + "; the agent checks at its next usage report, at "
        + s.usageReportDue.get()
        + ".";
  }

  private void registrationFailed(AgentState s, String why, Events ev) {
    boolean keepOld = s.beforeAttempt == RegistrationState.REGISTERED;
    Transitions.registration(
        s, keepOld ? RegistrationState.REGISTERED : RegistrationState.REGISTRATION_FAILED, ev);
    s.lastRegistrationFailure = Optional.of(why);
    ev.add(
        EventCode.AGENT_REG_FAILED,
        "Registration failed: " + why + (keepOld ? " The existing registration is kept." : ""));
  }

  /**
   * The license server does not know {@code productInstanceId} (a signed verdict): it was removed
   * from the virtual account, or a forced registration replaced it and its answer never arrived. As
   * a real device whose registration is gone, the agent falls back to unregistered, evaluation
   * resumes with the days that remain, and the usage the firmware asked for is kept for the next
   * registration. Returns what the operator is told (also the status's last registration failure).
   */
  static String removedOnServer(
      AgentState s, String productInstanceId, ServerReply.Rejection r, Events ev) {
    String message =
        "The license server does not know product instance "
            + productInstanceId
            + " ("
            + r.serverMessage()
            + "): it was removed from the virtual account, or replaced by a forced registration"
            + " whose answer did not reach this device. The product is unregistered and counts"
            + " evaluation again. Register the product again with a token.";
    boolean same =
        s.registration == RegistrationState.REGISTERED
            && s.reg
                .map(Registration::productInstanceId)
                .filter(productInstanceId::equals)
                .isPresent();
    if (!same) {
      return message; // the registration changed meanwhile: the verdict is about an old one
    }
    s.clearRegistration();
    s.beforeAttempt = RegistrationState.UNREGISTERED;
    s.lastRegistrationFailure = Optional.of(message);
    Transitions.registration(s, RegistrationState.UNREGISTERED, ev);
    ev.add(EventCode.REGISTRATION_REMOVED, message, "productInstanceId", productInstanceId);
    return message;
  }

  private OperationResult registrationUnreachable(
      String token, DeviceKeys keys, boolean force, int attempt, TransportException e) {
    boolean retry = attempt < policy.registrationAttempts() && !wasRegistered();
    if (!retry) {
      state.change(
          (s, now, ev) -> {
            if (force && keepsOld(s)) {
              // the server may have replaced the instance before the answer was lost
              registrationFailed(
                  s,
                  Responses.clause(e.getMessage())
                      + "."
                      + checkSoon(s, now, " before its answer was lost"),
                  ev);
              return;
            }
            registrationFailed(s, e.getMessage(), ev);
          });
      pending = Optional.empty();
      return OperationResult.communicationFailed(
          Operation.REGISTER,
          "Registration failed after " + attempt + " attempt(s): " + e.getMessage(),
          Optional.empty());
    }
    Instant retryAt =
        state.commit(
            (s, now, ev) -> {
              Instant at =
                  Backoff.retryAt(
                      attempt - 1,
                      now,
                      policy,
                      config.random(),
                      e.retryAfter(),
                      now.plus(policy.retryMax()));
              Transitions.registration(s, RegistrationState.REGISTRATION_RETRY, ev);
              s.lastRegistrationFailure = Optional.of(e.getMessage());
              ServerOperations.communicationFailed(s, e, ev);
              ev.add(
                  EventCode.AGENT_REG_RETRY,
                  "No usable answer from the license server ("
                      + e.getMessage()
                      + "); retrying at "
                      + at
                      + " while this agent runs",
                  "retryAt",
                  at);
              return at;
            });
    // armed only once the failure is committed: a retry whose commit failed is never armed
    pending = Optional.of(new PendingRegistration(token, keys, force, attempt, retryAt));
    state.rescheduleNow();
    return OperationResult.communicationFailed(
        Operation.REGISTER,
        "Registration not completed: "
            + Responses.clause(e.getMessage())
            + ". Retrying at "
            + retryAt
            + " while this agent runs (the token is kept only in memory: after a restart,"
            + " register again)",
        Optional.of(retryAt));
  }

  private boolean wasRegistered() {
    return state.current().beforeAttempt == RegistrationState.REGISTERED;
  }

  /**
   * Retries a pending registration if it is due. If the retry cannot even start (the store failed),
   * it stays pending and is tried again after the shortest backoff.
   */
  void runPending(Instant now) {
    Optional<PendingRegistration> p = pending;
    if (p.isEmpty() || now.isBefore(p.get().retryAt())) {
      return;
    }
    PendingRegistration r = p.get();
    pending = Optional.empty();
    RegisterRequest request;
    try {
      request = state.commit((st, t, ev) -> registerRequest(r.token(), r.keys(), r.force()));
    } catch (RuntimeException e) {
      pending = Optional.of(r.at(now.plus(policy.retryInitial())));
      throw e;
    }
    try {
      attemptRegistration(r.token(), r.keys(), r.force(), request, r.attempts() + 1);
    } catch (AgentStoreException e) {
      state.changeTransient(
          (s, t, ev) ->
              registrationFailed(s, "the registration could not be saved on the device", ev));
      throw e;
    }
  }

  Optional<Instant> pendingRetry() {
    return pending.map(PendingRegistration::retryAt);
  }

  void forgetPending() {
    pending = Optional.empty();
  }
}
