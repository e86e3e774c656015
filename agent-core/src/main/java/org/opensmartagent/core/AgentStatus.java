package org.opensmartagent.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A consistent snapshot of everything the STATUS and SUMMARY screens show, taken at one instant.
 * Immutable; never contains secrets.
 *
 * <p>{@code licenseConversionEnabled} says whether Device Led Conversion runs at registration
 * (classic licenses to convert are configured); {@code licenseConversionDone} whether it has
 * succeeded.
 */
public record AgentStatus(
    Instant takenAt,
    boolean enabled,
    String productName,
    List<Udi> udis,
    String agentVersion,
    Registration registration,
    Authorization authorization,
    Evaluation evaluation,
    boolean licenseConversionDone,
    boolean licenseConversionEnabled,
    String transport,
    List<Entitlement> entitlements,
    Reservation reservation,
    List<Operation> allowedOperations) {

  public AgentStatus {
    udis = List.copyOf(udis);
    entitlements = List.copyOf(entitlements);
    allowedOperations = List.copyOf(allowedOperations);
  }

  /** The registration section. */
  public record Registration(
      RegistrationState state,
      Optional<String> productInstanceId,
      Optional<String> smartAccount,
      Optional<String> virtualAccount,
      boolean exportControlled,
      Optional<Instant> initialRegistration,
      Optional<Instant> lastRenewalAttempt,
      Optional<Instant> nextRenewalAttempt,
      Optional<Instant> registrationExpires,
      Optional<String> lastFailure) {}

  /** The license authorization section. */
  public record Authorization(
      AuthorizationState state,
      Optional<Instant> lastCommunicationAttempt,
      Optional<Instant> nextCommunicationAttempt,
      Optional<Instant> communicationDeadline,
      Optional<Instant> lastAuthorization,
      int consecutiveFailures,
      Optional<String> lastFailure) {}

  /** The evaluation period. */
  public record Evaluation(
      boolean available, Duration remaining, boolean counting, Optional<Instant> expiresAt) {}

  /** One entitlement's line in License Usage and SUMMARY. */
  public record Entitlement(
      EntitlementTag tag,
      String displayName,
      String description,
      String version,
      long count,
      CountUnit unit,
      boolean base,
      EnforcementMode mode,
      boolean allowed,
      Optional<Instant> graceEnds,
      String reason) {}

  /** The Reservation Info section. */
  public record Reservation(
      boolean enabled,
      Optional<String> requestCode,
      Optional<String> lastReturnCode,
      Optional<String> lastConfirmationCode,
      Optional<String> installedType,
      Optional<Instant> installedCodeIssued) {}

  /** The operator operations valid in the current state (drives the shell's menu). */
  public enum Operation {
    ENABLE,
    REGISTER,
    DEREGISTER,
    REREGISTER,
    RENEW_AUTH,
    RENEW_ID,
    REQUEST_LICENSE,
    RELEASE_LICENSE,
    URL,
    STATUS,
    SUMMARY,
    ENABLE_RESERVATION,
    REQUEST_CODE,
    INSTALL_AUTHORIZATION_CODE,
    REAUTHORIZE,
    RETURN_RESERVATION,
    CANCEL_RESERVATION,
    DISABLE_RESERVATION
  }

  /** The entitlement with this tag, if declared. */
  public Optional<Entitlement> entitlement(EntitlementTag tag) {
    return entitlements.stream().filter(e -> e.tag().equals(tag)).findFirst();
  }
}
