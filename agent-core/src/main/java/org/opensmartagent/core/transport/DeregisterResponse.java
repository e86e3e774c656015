package org.opensmartagent.core.transport;

import java.time.Instant;
import java.util.Objects;

/** The server removed the product instance. */
public record DeregisterResponse(String nonce, Instant serverTime) {
  public DeregisterResponse {
    Objects.requireNonNull(nonce, "nonce == null");
    Objects.requireNonNull(serverTime, "serverTime == null");
  }
}
