package org.opensmartagent.core;

/**
 * The stable code of every event the agent raises. Codes never change meaning; new codes may be
 * added. Names follow the syslog tags seen on real devices where one exists.
 */
public enum EventCode {
  AGENT_READY(Severity.INFO),
  AGENT_ENABLED(Severity.NOTICE),
  /** The registration axis moved; details name {@code from} and {@code to}. */
  REGISTRATION_STATE_CHANGED(Severity.INFO),
  /** The authorization axis moved; details name {@code from} and {@code to}. */
  AUTHORIZATION_STATE_CHANGED(Severity.INFO),
  /**
   * An entitlement's enforcement mode moved; details name {@code tag}, {@code from}, {@code to}.
   */
  ENTITLEMENT_ENFORCE_MODE_CHANGED(Severity.INFO),
  EVAL_STARTED(Severity.NOTICE),
  EVAL_EXPIRY_WARNING(Severity.WARNING),
  EVAL_EXPIRED(Severity.ERROR),
  AGENT_REG_IN_PROGRESS(Severity.INFO),
  AGENT_REG_SUCCESS(Severity.NOTICE),
  AGENT_REG_FAILED(Severity.ERROR),
  AGENT_REG_RETRY(Severity.WARNING),
  AGENT_DEREG_SUCCESS(Severity.NOTICE),
  AGENT_DEREG_FAILED(Severity.WARNING),
  EXPORT_CONTROLLED(Severity.NOTICE),
  REGISTRATION_EXPIRED(Severity.ERROR),
  /**
   * The license server answered that it does not know this product instance (removed from the
   * virtual account, or replaced by another registration of this device): the agent is unregistered
   * and counts evaluation again; register the product again. Details name {@code
   * productInstanceId}.
   */
  REGISTRATION_REMOVED(Severity.ERROR),
  AUTH_RENEW_SUCCESS(Severity.INFO),
  AUTH_RENEW_FAILED(Severity.WARNING),
  AUTH_EXPIRED(Severity.ERROR),
  ID_CERT_RENEW_SUCCESS(Severity.INFO),
  ID_CERT_RENEW_FAILED(Severity.WARNING),
  ID_CERT_EXPIRY_WARNING(Severity.WARNING),
  ID_CERT_EXPIRED(Severity.ERROR),
  ID_CERT_OUT_OF_RANGE(Severity.ERROR),
  COMM_FAILED(Severity.WARNING),
  COMM_RESTORED(Severity.NOTICE),
  SYSTEM_CLOCK_CHANGED(Severity.WARNING),
  OUT_OF_COMPLIANCE(Severity.WARNING),
  IN_COMPLIANCE(Severity.NOTICE),
  OOC_GRACE_WARNING(Severity.WARNING),
  OOC_GRACE_EXPIRED(Severity.ERROR),
  /** The first time a feature becomes unusable under its gating mode. */
  FEATURE_EXPIRED(Severity.ERROR),
  INVALID_TAG(Severity.WARNING),
  ENTITLEMENT_REQUESTED(Severity.INFO),
  ENTITLEMENT_RELEASED(Severity.INFO),
  LICENSE_CONVERSION_DONE(Severity.NOTICE),
  RESERVATION_ENABLED(Severity.NOTICE),
  RESERVATION_DISABLED(Severity.NOTICE),
  RESERVATION_REQUEST_PENDING(Severity.NOTICE),
  RESERVED_INSTALLED(Severity.NOTICE),
  RESERVATION_REMOVED(Severity.NOTICE),
  RESERVATION_INSTALL_FAILED(Severity.ERROR),
  RESERVATION_RETURN_CODE_GENERATED(Severity.NOTICE),
  RESERVED_LICENSE_EXPIRY_WARNING(Severity.WARNING),
  RESERVED_LICENSE_EXPIRED(Severity.ERROR),
  NOT_AUTHORIZED(Severity.WARNING),
  /** The newest stored state was unreadable; the previous generation was used. */
  STORE_RECOVERED(Severity.WARNING),
  /** No stored state could be read; the agent starts without evaluation or registration. */
  STORE_CORRUPTED(Severity.ERROR),
  /** A state change could not be written; it was not applied. */
  STORE_WRITE_FAILED(Severity.ERROR);

  private final Severity severity;

  EventCode(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }
}
