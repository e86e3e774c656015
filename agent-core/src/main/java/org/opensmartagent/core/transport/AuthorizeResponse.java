package org.opensmartagent.core.transport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The server's authorization: a verdict per reported entitlement, how long the authorization is
 * valid, and the echoed nonce with the server's time.
 */
public record AuthorizeResponse(
    List<Verdict> verdicts, Instant authorizedUntil, String nonce, Instant serverTime) {
  public AuthorizeResponse {
    verdicts = List.copyOf(verdicts);
    Objects.requireNonNull(authorizedUntil, "authorizedUntil == null");
    Objects.requireNonNull(nonce, "nonce == null");
    Objects.requireNonNull(serverTime, "serverTime == null");
  }
}
