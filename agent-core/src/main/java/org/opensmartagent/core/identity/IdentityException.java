package org.opensmartagent.core.identity;

import java.security.GeneralSecurityException;

/**
 * A device identity operation failed: a key, CSR, certificate or signature was refused. The {@link
 * #reason()} mirrors the vendor's registration error list; the message says what happened and what
 * to do about it.
 */
public final class IdentityException extends GeneralSecurityException {
  /** Why an identity operation failed. Each constant carries the advice appended to messages. */
  public enum Reason {
    CSR_GENERATION_FAILED(
        "Check that the device key pair in the trusted store is intact; generate a new key pair"
            + " if the problem persists."),
    CSR_INVALID(
        "The certificate signing request is corrupt or was altered; generate a new one from the"
            + " device key."),
    SIGNATURE_VERIFICATION_FAILED(
        "The data was altered or signed with a different key; do not trust it, and retry the"
            + " request."),
    SIGNING_CERT_VERIFICATION_FAILED(
        "The license server's signing certificate does not chain to the pinned licensing root;"
            + " check the server URL and the root certificate built into the firmware."),
    NODE_CERT_VERIFICATION_FAILED(
        "The device ID certificate does not chain to the pinned licensing root; register the"
            + " device again."),
    ROOT_CA_IMPORT_FAILED(
        "Supply the licensing root certificate (DER or PEM) for the intended environment from"
            + " the firmware image."),
    DEVELOPMENT_CERT_WITH_PRODUCTION_ROOT(
        "Point the device at a production license server, or build the firmware with the"
            + " development root for lab use."),
    CERT_EXPIRED(
        "Check the device's trusted time; if it is right, register again to obtain a new"
            + " certificate."),
    CERT_NOT_YET_VALID(
        "Check the device's trusted time; it is earlier than the certificate's start of"
            + " validity."),
    KEY_INVALID(
        "The key is corrupt, unsupported or does not match its pair; delete it from the trusted"
            + " store and register again to generate a new key pair.");

    private final String advice;

    Reason(String advice) {
      this.advice = advice;
    }

    /** What the user should do when this failure occurs. */
    public String advice() {
      return advice;
    }
  }

  private final Reason reason;

  /** Creates an exception whose message is {@code what} followed by the reason's advice. */
  public IdentityException(Reason reason, String what) {
    super(message(reason, what));
    this.reason = reason;
  }

  /** As {@link #IdentityException(Reason, String)}, keeping the underlying failure. */
  public IdentityException(Reason reason, String what, Throwable cause) {
    super(message(reason, what), cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  private static String message(Reason reason, String what) {
    if (reason == null) throw new NullPointerException("reason == null");
    if (what == null) throw new NullPointerException("what == null");
    return reason + ": " + what + ". " + reason.advice();
  }
}
