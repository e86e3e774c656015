package org.opensmartagent.core.reservation;

import java.util.Objects;
import java.util.Optional;

/**
 * What an authorization code holds and whether this device would accept it, without installing it.
 */
public record CodeInspection(
    AuthorizationCode code,
    boolean signatureTrusted,
    Optional<String> untrustedReason,
    boolean forThisDevice,
    boolean answersPendingRequest) {
  public CodeInspection {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(untrustedReason, "untrustedReason == null");
  }
}
