package org.opensmartagent.core.transport;

import java.util.Objects;

/** Removes the product instance from its virtual account and frees its licenses. */
public record DeregisterRequest(String productInstanceId, String nonce) {
  public DeregisterRequest {
    Objects.requireNonNull(productInstanceId, "productInstanceId == null");
    Objects.requireNonNull(nonce, "nonce == null");
  }
}
