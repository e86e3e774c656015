package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.OperationResult.Operation;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.internal.wire.SigningIdentity;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.AuthorizeResponse;
import org.opensmartagent.core.transport.DeregisterRequest;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.RenewIdRequest;
import org.opensmartagent.core.transport.RenewIdResponse;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.core.transport.TransportException;

/**
 * The operations that talk to the license server: register, authorize (usage report), renew the ID
 * certificate, deregister. Each prepares its request in one commit, calls the transport with no
 * state lock held, and applies the answer in a second commit. A transport failure is retried with
 * backoff; a rejection is final.
 */
public final class ServerOperations {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/%=\\-]{1,1024}");

  private final AgentEngine engine;
  private final Map<Registration, SigningIdentity> signing = new IdentityHashMap<>();
  private volatile Optional<PendingRegistration> pending = Optional.empty();

  /** A registration waiting for its retry; the token lives only here, in memory. */
  private record PendingRegistration(String token, DeviceKeys keys, int attempts, Instant retryAt) {
    @Override
    public String toString() {
      return "PendingRegistration{attempts=" + attempts + ", retryAt=" + retryAt + "}";
    }
  }

  ServerOperations(AgentEngine engine) {
    this.engine = engine;
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

  public OperationResult register(String token, boolean force) {
    validateToken(token);
    String t = token.strip();
    return engine.exclusive(
        () -> {
          DeviceKeys keys = DeviceIdentity.newKeys(engine.config);
          RegisterRequest request =
              engine.commit(
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
            return attemptRegistration(t, keys, request, 1);
          } catch (AgentStoreException e) {
            engine.commitTransient(
                (s, now, ev) ->
                    registrationFailed(s, "the registration could not be saved on the device", ev));
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
    EngineConfig c = engine.config;
    return new RegisterRequest(
        token,
        c.udis(),
        c.policy().softwareTag(),
        nonce(),
        c.hostname(),
        c.versionPrivacy() ? Optional.empty() : Optional.of(c.agentVersion()),
        engine.current().conversionDone ? List.of() : c.classicLicenses(),
        DeviceIdentity.csr(keys, c.udis()),
        force);
  }

  private OperationResult attemptRegistration(
      String token, DeviceKeys keys, RegisterRequest request, int attempt) {
    try {
      engine.config.signer().set(new SigningIdentity(keys, List.of()));
      ServerReply<RegisterResponse> reply = engine.config.transport().register(request);
      if (!reply.isAccepted()) {
        ServerReply.Rejection r = reply.rejection().orElseThrow();
        engine.commit((s, now, ev) -> registrationFailed(s, r.describe(), ev));
        return OperationResult.rejected(Operation.REGISTER, r.reason(), r.describe());
      }
      RegisterResponse body = reply.body();
      Responses.check(request.nonce(), body.nonce(), body.serverTime(), engine);
      engine.commit((s, now, ev) -> registered(s, now, body, request, keys, ev));
      OperationResult auth = authorizeNow();
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
      return registrationUnreachable(token, keys, attempt, e);
    }
  }

  private Void registered(
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
    return null;
  }

  private Void registrationFailed(AgentState s, String why, Events ev) {
    boolean keepOld = s.beforeAttempt == RegistrationState.REGISTERED;
    Transitions.registration(
        s, keepOld ? RegistrationState.REGISTERED : RegistrationState.REGISTRATION_FAILED, ev);
    s.lastRegistrationFailure = Optional.of(why);
    ev.add(
        EventCode.AGENT_REG_FAILED,
        "Registration failed: " + why + (keepOld ? " The existing registration is kept." : ""));
    return null;
  }

  private OperationResult registrationUnreachable(
      String token, DeviceKeys keys, int attempt, TransportException e) {
    boolean retry = attempt < engine.policy.registrationAttempts() && !wasRegistered();
    if (!retry) {
      engine.commit((s, now, ev) -> registrationFailed(s, e.getMessage(), ev));
      pending = Optional.empty();
      return OperationResult.communicationFailed(
          Operation.REGISTER,
          "Registration failed after " + attempt + " attempt(s): " + e.getMessage(),
          Optional.empty());
    }
    Instant retryAt =
        engine.commit(
            (s, now, ev) -> {
              Instant at =
                  Backoff.retryAt(
                      attempt - 1,
                      now,
                      engine.policy,
                      engine.config.random(),
                      e.retryAfter(),
                      now.plus(engine.policy.retryMax()));
              pending = Optional.of(new PendingRegistration(token, keys, attempt, at));
              Transitions.registration(s, RegistrationState.REGISTRATION_RETRY, ev);
              s.lastRegistrationFailure = Optional.of(e.getMessage());
              communicationFailed(s, e, ev);
              ev.add(
                  EventCode.AGENT_REG_RETRY,
                  "No usable answer from the license server ("
                      + e.getMessage()
                      + "); retrying at "
                      + at,
                  "retryAt",
                  at);
              return at;
            });
    return OperationResult.communicationFailed(
        Operation.REGISTER,
        "Registration not completed: "
            + Responses.clause(e.getMessage())
            + ". Retrying at "
            + retryAt,
        Optional.of(retryAt));
  }

  private boolean wasRegistered() {
    return engine.current().beforeAttempt == RegistrationState.REGISTERED;
  }

  public OperationResult renewAuthorization() {
    return engine.exclusive(this::authorizeNow);
  }

  OperationResult authorizeNow() {
    AuthorizeRequest request =
        engine.commit(
            (s, now, ev) -> {
              String pi = requireRegistered(s, "renew the authorization");
              s.lastCommunicationAttempt = Optional.of(now);
              s.usageDirty = false;
              s.usageReportDue = Optional.empty();
              return new AuthorizeRequest(pi, nonce(), usage(s));
            });
    try {
      signWithIdCertificate();
      ServerReply<AuthorizeResponse> reply = engine.config.transport().authorize(request);
      if (!reply.isAccepted()) {
        ServerReply.Rejection r = reply.rejection().orElseThrow();
        engine.commit(
            (s, now, ev) -> {
              s.authRetry = s.authRetry.failed(now.plus(engine.policy.retryMax()));
              s.lastAuthorizationFailure = Optional.of(r.describe());
              ev.add(EventCode.AUTH_RENEW_FAILED, "Authorization refused: " + r.describe());
              return null;
            });
        return OperationResult.rejected(
            Operation.RENEW_AUTHORIZATION, r.reason(), "Authorization refused: " + r.describe());
      }
      AuthorizeResponse body = reply.body();
      Responses.check(request.nonce(), body.nonce(), body.serverTime(), engine);
      engine.commit((s, now, ev) -> Verdicts.apply(s, now, request, body, engine.policy, ev));
      return OperationResult.success(
          Operation.RENEW_AUTHORIZATION,
          "Authorization renewed; " + engine.current().authorization.displayName());
    } catch (TransportException e) {
      Instant at =
          engine.commit(
              (s, now, ev) -> {
                Instant retry =
                    Backoff.retryAt(
                        s.authRetry.failures(),
                        now,
                        engine.policy,
                        engine.config.random(),
                        e.retryAfter(),
                        now.plus(engine.policy.authorizationRenewal()));
                s.authRetry = s.authRetry.failed(retry);
                s.usageDirty = true;
                s.lastAuthorizationFailure = Optional.of(e.getMessage());
                communicationFailed(s, e, ev);
                ev.add(
                    EventCode.AUTH_RENEW_FAILED,
                    "Authorization renewal failed: "
                        + Responses.clause(e.getMessage())
                        + ". Retrying at "
                        + retry,
                    "retryAt",
                    retry);
                return retry;
              });
      return OperationResult.communicationFailed(
          Operation.RENEW_AUTHORIZATION,
          "Authorization renewal failed: "
              + Responses.clause(e.getMessage())
              + ". Retrying at "
              + at,
          Optional.of(at));
    }
  }

  public OperationResult renewId() {
    return engine.exclusive(this::renewIdNow);
  }

  private OperationResult renewIdNow() {
    RenewIdRequest request =
        engine.commit(
            (s, now, ev) -> {
              String pi = requireRegistered(s, "renew the ID certificate");
              s.lastIdRenewalAttempt = Optional.of(now);
              s.lastCommunicationAttempt = Optional.of(now);
              DeviceKeys keys = s.reg.get().keys(engine.config.secureRandom());
              return new RenewIdRequest(
                  pi, nonce(), DeviceIdentity.csr(keys, engine.config.udis()));
            });
    try {
      signWithIdCertificate();
      ServerReply<RenewIdResponse> reply = engine.config.transport().renewId(request);
      if (!reply.isAccepted()) {
        ServerReply.Rejection r = reply.rejection().orElseThrow();
        engine.commit(
            (s, now, ev) -> {
              s.idRetry = s.idRetry.failed(now.plus(engine.policy.retryMax()));
              ev.add(
                  EventCode.ID_CERT_RENEW_FAILED,
                  "ID certificate renewal refused: " + r.describe());
              return null;
            });
        return OperationResult.rejected(
            Operation.RENEW_ID, r.reason(), "ID certificate renewal refused: " + r.describe());
      }
      RenewIdResponse body = reply.body();
      Responses.check(request.nonce(), body.nonce(), body.serverTime(), engine);
      engine.commit(
          (s, now, ev) -> {
            s.reg =
                s.reg.map(
                    r ->
                        r.renewed(
                            now,
                            body.idCertNotBefore(),
                            body.idCertNotAfter(),
                            body.idCertificateChain()));
            s.lastContact = Optional.of(now);
            s.idRetry = RetryState.NONE;
            s.idExpiryWarned = false;
            communicationRestored(s, ev);
            ev.add(
                EventCode.ID_CERT_RENEW_SUCCESS,
                "ID certificate renewed; valid until " + body.idCertNotAfter());
            return null;
          });
      return OperationResult.success(
          Operation.RENEW_ID, "ID certificate renewed; valid until " + body.idCertNotAfter());
    } catch (TransportException e) {
      Instant at =
          engine.commit(
              (s, now, ev) -> {
                Instant cap = s.reg.map(r -> r.idCertNotAfter()).filter(now::isBefore).orElse(now);
                Instant retry =
                    Backoff.retryAt(
                        s.idRetry.failures(),
                        now,
                        engine.policy,
                        engine.config.random(),
                        e.retryAfter(),
                        min(cap, now.plus(engine.policy.idCertRenewal())));
                s.idRetry = s.idRetry.failed(retry);
                communicationFailed(s, e, ev);
                ev.add(
                    EventCode.ID_CERT_RENEW_FAILED,
                    "ID certificate renewal failed: "
                        + Responses.clause(e.getMessage())
                        + ". Retrying at "
                        + retry);
                return retry;
              });
      return OperationResult.communicationFailed(
          Operation.RENEW_ID, "ID certificate renewal failed: " + e.getMessage(), Optional.of(at));
    }
  }

  public OperationResult deregister() {
    return engine.exclusive(
        () -> {
          Optional<String> pi =
              engine.commit(
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
          pending = Optional.empty();
          OperationResult told =
              pi.map(this::tellServer)
                  .orElse(
                      OperationResult.success(
                          Operation.DEREGISTER, "Local registration state cleared."));
          engine.commit(
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
      signWithIdCertificate();
      ServerReply<?> reply =
          engine.config.transport().deregister(new DeregisterRequest(productInstanceId, nonce()));
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

  /**
   * Runs whatever is due at {@code now}; called on the scheduler thread with the operation lock.
   */
  void runDue(AgentState s, Instant now) {
    Optional<PendingRegistration> p = pending;
    if (p.isPresent() && !now.isBefore(p.get().retryAt())) {
      PendingRegistration r = p.get();
      pending = Optional.empty();
      RegisterRequest request =
          engine.commit((st, t, ev) -> registerRequest(r.token(), r.keys(), false));
      attemptRegistration(r.token(), r.keys(), request, r.attempts() + 1);
      return;
    }
    if (Wakeups.authorizationDue(s, engine.policy).filter(at -> !now.isBefore(at)).isPresent()) {
      authorizeNow();
    }
    if (Wakeups.idRenewalDue(s, engine.policy).filter(at -> !now.isBefore(at)).isPresent()) {
      renewIdNow();
    }
  }

  /** Requests after registration are signed with the ID key and carry the ID certificate. */
  private void signWithIdCertificate() {
    Registration r =
        engine.current().reg.orElseThrow(() -> new IllegalStateException("not registered"));
    SigningIdentity id = signing.get(r);
    if (id == null) {
      id = new SigningIdentity(r.keys(engine.config.secureRandom()), r.idCertificateChain());
      signing.clear();
      signing.put(r, id);
    }
    engine.config.signer().set(id);
  }

  Optional<Instant> pendingRetry() {
    return pending.map(PendingRegistration::retryAt);
  }

  void forgetPending() {
    pending = Optional.empty();
  }

  private static String requireRegistered(AgentState s, String what) {
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

  private static List<EntitlementRequest> usage(AgentState s) {
    return s.entitlements.values().stream()
        .filter(e -> e.requested)
        .map(e -> new EntitlementRequest(e.tag, e.count, e.unit))
        .toList();
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

  private String nonce() {
    byte[] bytes = new byte[16];
    engine.config.random().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
