package org.opensmartagent.core.transport;

import java.util.Objects;

/** Asks for a renewed ID certificate for a new CSR. */
public record RenewIdRequest(String productInstanceId, String nonce, byte[] csr) {
  public RenewIdRequest {
    Objects.requireNonNull(productInstanceId, "productInstanceId == null");
    Objects.requireNonNull(nonce, "nonce == null");
    csr = csr.clone();
  }

  @Override
  public byte[] csr() {
    return csr.clone();
  }
}
