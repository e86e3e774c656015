package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.RequestCode;

/**
 * All of one agent's state. The engine never changes a published instance: every change works on a
 * {@link #copy()} that replaces the published one only after it was stored.
 */
final class AgentState {
  boolean enabled;
  Optional<Instant> enabledAt = Optional.empty();

  RegistrationState registration = RegistrationState.UNREGISTERED;

  /** While an attempt is under way, the durable state it started from (what is stored). */
  RegistrationState beforeAttempt = RegistrationState.UNREGISTERED;

  Optional<Registration> reg = Optional.empty();
  boolean conversionDone;
  Optional<String> lastRegistrationFailure = Optional.empty();

  AuthorizationState authorization = AuthorizationState.NONE;
  Optional<Instant> lastAuthorization = Optional.empty();
  Optional<Instant> authorizedUntil = Optional.empty();
  Optional<Instant> lastCommunicationAttempt = Optional.empty();
  Optional<Instant> lastContact = Optional.empty();
  Optional<Instant> lastIdRenewalAttempt = Optional.empty();
  Optional<String> lastAuthorizationFailure = Optional.empty();
  boolean usageDirty;
  Optional<Instant> usageReportDue = Optional.empty();
  RetryState authRetry = RetryState.NONE;
  RetryState idRetry = RetryState.NONE;
  boolean communicationFailing;
  boolean idExpiryWarned;

  Duration evalRemaining = Duration.ZERO;
  Optional<Instant> evalCountingSince = Optional.empty();

  /**
   * The monotonic ticker's reading at the last commit of this process (never stored): evaluation is
   * charged the time the ticker measured since, so no wall-clock change either way, and no forward
   * jump that NTP corrects, costs or gives evaluation time.
   */
  long evalSettledAtNanos;

  int evalNoticesFired;
  boolean evalStarted;
  boolean evalExpiredNotified;

  final Map<org.opensmartagent.core.EntitlementTag, EntitlementState> entitlements =
      new LinkedHashMap<>();

  boolean reservationEnabled;
  Optional<RequestCode> pendingRequest = Optional.empty();
  Optional<Instant> lastReminder = Optional.empty();
  Optional<AuthorizationCode> installed = Optional.empty();
  Optional<String> lastReturnCode = Optional.empty();
  Optional<String> lastConfirmationCode = Optional.empty();

  Instant lastTrustedTime = Instant.EPOCH;
  Duration clockOffset = Duration.ZERO;

  /** A fresh device: never enabled, full evaluation period, every entitlement declared. */
  static AgentState fresh(ProductPolicy policy) {
    AgentState s = new AgentState();
    s.evalRemaining = policy.evaluationPeriod();
    s.ensureEntitlements(policy);
    return s;
  }

  /**
   * A device whose stored state could not be read: nothing is granted that was not granted before,
   * so the evaluation period is spent and there is no registration.
   */
  static AgentState untrusted(ProductPolicy policy) {
    AgentState s = fresh(policy);
    s.enabled = true;
    s.evalRemaining = Duration.ZERO;
    s.evalStarted = true;
    s.evalExpiredNotified = true;
    s.evalNoticesFired = -1;
    return s;
  }

  /** Adds declared entitlements missing from stored state (a firmware upgrade added them). */
  void ensureEntitlements(ProductPolicy policy) {
    for (EntitlementDefinition d : policy.entitlements()) {
      entitlements.computeIfAbsent(d.tag(), t -> new EntitlementState(t, d.unit()));
    }
  }

  boolean isRegisteredAndAuthorized() {
    return durableRegistration() == RegistrationState.REGISTERED && lastAuthorization.isPresent();
  }

  /** The registration state to store: an attempt under way is not durable. */
  RegistrationState durableRegistration() {
    return switch (registration) {
      case REGISTERING, REGISTRATION_RETRY, REGISTRATION_FAILED -> beforeAttempt;
      default -> registration;
    };
  }

  AgentState copy() {
    AgentState c = new AgentState();
    c.enabled = enabled;
    c.enabledAt = enabledAt;
    c.registration = registration;
    c.beforeAttempt = beforeAttempt;
    c.reg = reg;
    c.conversionDone = conversionDone;
    c.lastRegistrationFailure = lastRegistrationFailure;
    c.authorization = authorization;
    c.lastAuthorization = lastAuthorization;
    c.authorizedUntil = authorizedUntil;
    c.lastCommunicationAttempt = lastCommunicationAttempt;
    c.lastContact = lastContact;
    c.lastIdRenewalAttempt = lastIdRenewalAttempt;
    c.lastAuthorizationFailure = lastAuthorizationFailure;
    c.usageDirty = usageDirty;
    c.usageReportDue = usageReportDue;
    c.authRetry = authRetry;
    c.idRetry = idRetry;
    c.communicationFailing = communicationFailing;
    c.idExpiryWarned = idExpiryWarned;
    c.evalRemaining = evalRemaining;
    c.evalCountingSince = evalCountingSince;
    c.evalSettledAtNanos = evalSettledAtNanos;
    c.evalNoticesFired = evalNoticesFired;
    c.evalStarted = evalStarted;
    c.evalExpiredNotified = evalExpiredNotified;
    entitlements.forEach((k, v) -> c.entitlements.put(k, v.copy()));
    c.reservationEnabled = reservationEnabled;
    c.pendingRequest = pendingRequest;
    c.lastReminder = lastReminder;
    c.installed = installed;
    c.lastReturnCode = lastReturnCode;
    c.lastConfirmationCode = lastConfirmationCode;
    c.lastTrustedTime = lastTrustedTime;
    c.clockOffset = clockOffset;
    return c;
  }

  /** Forgets the registration and everything the server said (deregistration or expiry). */
  void clearRegistration() {
    reg = Optional.empty();
    lastAuthorization = Optional.empty();
    authorizedUntil = Optional.empty();
    usageDirty = false;
    usageReportDue = Optional.empty();
    authRetry = RetryState.NONE;
    idRetry = RetryState.NONE;
    communicationFailing = false;
    idExpiryWarned = false;
    entitlements.values().forEach(EntitlementState::clearVerdict);
  }
}
