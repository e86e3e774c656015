package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.OperationResult.Operation;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.AuthorizeResponse;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.RenewIdRequest;
import org.opensmartagent.core.transport.RenewIdResponse;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.core.transport.TransportException;

/**
 * The two renewals of a registered product: the authorization (with the usage report) and the ID
 * certificate. A rejection is retried only at the longest backoff; a transport failure with capped
 * exponential backoff, never later than the next regular renewal.
 */
final class Renewals {
  private final StateAccess state;
  private final EngineConfig config;
  private final ProductPolicy policy;
  private final Signing signing;

  /** What differs between the two renewals when they fail. */
  private enum Kind {
    AUTHORIZATION(
        Operation.RENEW_AUTHORIZATION,
        EventCode.AUTH_RENEW_FAILED,
        "Authorization renewal",
        s -> s.authRetry,
        (s, r) -> s.authRetry = r),
    ID_CERTIFICATE(
        Operation.RENEW_ID,
        EventCode.ID_CERT_RENEW_FAILED,
        "ID certificate renewal",
        s -> s.idRetry,
        (s, r) -> s.idRetry = r);

    final Operation operation;
    final EventCode failed;
    final String label;
    final Function<AgentState, RetryState> retry;
    final BiConsumer<AgentState, RetryState> setRetry;

    Kind(
        Operation operation,
        EventCode failed,
        String label,
        Function<AgentState, RetryState> retry,
        BiConsumer<AgentState, RetryState> setRetry) {
      this.operation = operation;
      this.failed = failed;
      this.label = label;
      this.retry = retry;
      this.setRetry = setRetry;
    }

    /**
     * The latest a retry may be: one regular renewal interval from now, and no later than halfway
     * to the deadline (the authorization's end, or the ID certificate's expiry), so that however
     * long the server asks to wait, several retries happen well before it.
     */
    Instant cap(AgentState s, Instant now, ProductPolicy p) {
      Instant regular =
          now.plus(this == AUTHORIZATION ? p.authorizationRenewal() : p.idCertRenewal());
      Optional<Instant> deadline =
          this == AUTHORIZATION ? s.authorizedUntil : s.reg.map(Registration::idCertNotAfter);
      return Backoff.capBefore(regular, deadline, now, p);
    }
  }

  Renewals(StateAccess state, EngineConfig config, Signing signing) {
    this.state = state;
    this.config = config;
    this.policy = config.policy();
    this.signing = signing;
  }

  OperationResult authorizeNow() {
    AuthorizeRequest request =
        state.commit(
            (s, now, ev) -> {
              String pi = ServerOperations.requireRegistered(s, "renew the authorization");
              s.lastCommunicationAttempt = Optional.of(now);
              s.usageDirty = false;
              s.usageReportDue = Optional.empty();
              return new AuthorizeRequest(pi, signing.nonce(), usage(s));
            });
    try {
      signing.withIdCertificate(state.current());
      ServerReply<AuthorizeResponse> reply = config.transport().authorize(request);
      if (!reply.isAccepted()) {
        return rejected(
            Kind.AUTHORIZATION, request.productInstanceId(), reply.rejection().orElseThrow());
      }
      AuthorizeResponse body = reply.body();
      Responses.check(request.nonce(), body.nonce(), body.serverTime(), config);
      state.changeVerified(
          body.serverTime(), (s, now, ev) -> Verdicts.apply(s, now, request, body, policy, ev));
      return OperationResult.success(
          Operation.RENEW_AUTHORIZATION,
          "Authorization renewed; " + state.current().authorization.displayName());
    } catch (TransportException e) {
      return failed(Kind.AUTHORIZATION, e);
    }
  }

  OperationResult renewIdNow() {
    RenewIdRequest request =
        state.commit(
            (s, now, ev) -> {
              String pi = ServerOperations.requireRegistered(s, "renew the ID certificate");
              s.lastIdRenewalAttempt = Optional.of(now);
              s.lastCommunicationAttempt = Optional.of(now);
              DeviceKeys keys = s.reg.get().keys(config.secureRandom());
              return new RenewIdRequest(
                  pi, signing.nonce(), DeviceIdentity.csr(keys, config.udis()));
            });
    try {
      signing.withIdCertificate(state.current());
      ServerReply<RenewIdResponse> reply = config.transport().renewId(request);
      if (!reply.isAccepted()) {
        return rejected(
            Kind.ID_CERTIFICATE, request.productInstanceId(), reply.rejection().orElseThrow());
      }
      RenewIdResponse body = reply.body();
      Responses.check(request.nonce(), body.nonce(), body.serverTime(), config);
      state.commitVerified(
          body.serverTime(),
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
            ServerOperations.communicationRestored(s, ev);
            ev.add(
                EventCode.ID_CERT_RENEW_SUCCESS,
                "ID certificate renewed; valid until " + body.idCertNotAfter());
            return null;
          });
      return OperationResult.success(
          Operation.RENEW_ID, "ID certificate renewed; valid until " + body.idCertNotAfter());
    } catch (TransportException e) {
      return failed(Kind.ID_CERTIFICATE, e);
    }
  }

  /**
   * A final "no": tried again only after the longest backoff, so the server is not hammered. The
   * server not knowing the instance at all is not retried: the registration is gone ({@link
   * Registrations#removedOnServer}).
   */
  private OperationResult rejected(Kind kind, String productInstanceId, ServerReply.Rejection r) {
    if (r.reason() == RejectReason.INSTANCE_UNKNOWN) {
      String message =
          state.commit((s, now, ev) -> Registrations.removedOnServer(s, productInstanceId, r, ev));
      return OperationResult.rejected(
          kind.operation, r.reason(), kind.label + " refused: " + message);
    }
    String message = kind.label + " refused: " + r.describe();
    state.commit(
        (s, now, ev) -> {
          kind.setRetry.accept(s, kind.retry.apply(s).failed(now.plus(policy.retryMax())));
          if (kind == Kind.AUTHORIZATION) {
            s.lastAuthorizationFailure = Optional.of(r.describe());
          }
          ev.add(kind.failed, message);
          return null;
        });
    return OperationResult.rejected(kind.operation, r.reason(), message);
  }

  /** No answer: retried with capped exponential backoff and jitter. */
  private OperationResult failed(Kind kind, TransportException e) {
    String why = kind.label + " failed: " + Responses.clause(e.getMessage());
    Instant at =
        state.commit(
            (s, now, ev) -> {
              Instant retry =
                  Backoff.retryAt(
                      kind.retry.apply(s).failures(),
                      now,
                      policy,
                      config.random(),
                      e.retryAfter(),
                      kind.cap(s, now, policy));
              kind.setRetry.accept(s, kind.retry.apply(s).failed(retry));
              if (kind == Kind.AUTHORIZATION) {
                s.usageDirty = true;
                s.lastAuthorizationFailure = Optional.of(e.getMessage());
              }
              ServerOperations.communicationFailed(s, e, ev);
              ev.add(kind.failed, why + ". Retrying at " + retry, "retryAt", retry);
              return retry;
            });
    return OperationResult.communicationFailed(
        kind.operation, why + ". Retrying at " + at, Optional.of(at));
  }

  private static List<EntitlementRequest> usage(AgentState s) {
    return s.entitlements.values().stream()
        .filter(e -> e.requested)
        .map(e -> new EntitlementRequest(e.tag, e.count, e.unit))
        .toList();
  }
}
