package org.opensmartagent.core.transport;

import java.util.List;
import java.util.Objects;
import org.opensmartagent.core.EntitlementRequest;

/** Asks for authorization of what the product uses now (its usage report). */
public record AuthorizeRequest(
    String productInstanceId, String nonce, List<EntitlementRequest> usage) {
  public AuthorizeRequest {
    Objects.requireNonNull(productInstanceId, "productInstanceId == null");
    Objects.requireNonNull(nonce, "nonce == null");
    usage = List.copyOf(usage);
  }
}
