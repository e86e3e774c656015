package org.opensmartagent.core.transport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A renewed ID certificate chain exactly as issued (leaf first, DER) and its validity. */
public record RenewIdResponse(
    List<byte[]> idCertificateChain,
    Instant idCertNotBefore,
    Instant idCertNotAfter,
    String nonce,
    Instant serverTime) {
  public RenewIdResponse {
    idCertificateChain = idCertificateChain.stream().map(byte[]::clone).toList();
    Objects.requireNonNull(idCertNotBefore, "idCertNotBefore == null");
    Objects.requireNonNull(idCertNotAfter, "idCertNotAfter == null");
    Objects.requireNonNull(nonce, "nonce == null");
    Objects.requireNonNull(serverTime, "serverTime == null");
  }
}
