package org.opensmartagent.core.transport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.opensmartagent.core.EntitlementTag;

/**
 * The server accepted a registration: the product instance identifier, the accounts, the export
 * control flag from the token, the ID certificate chain exactly as issued (leaf first, DER), the
 * classic licenses it converted, and the echoed nonce with the server's time.
 */
public record RegisterResponse(
    String productInstanceId,
    String smartAccount,
    String virtualAccount,
    boolean exportControlled,
    List<byte[]> idCertificateChain,
    Instant idCertNotBefore,
    Instant idCertNotAfter,
    List<EntitlementTag> convertedLicenses,
    String nonce,
    Instant serverTime) {

  public RegisterResponse {
    Objects.requireNonNull(productInstanceId, "productInstanceId == null");
    Objects.requireNonNull(smartAccount, "smartAccount == null");
    Objects.requireNonNull(virtualAccount, "virtualAccount == null");
    idCertificateChain = idCertificateChain.stream().map(byte[]::clone).toList();
    Objects.requireNonNull(idCertNotBefore, "idCertNotBefore == null");
    Objects.requireNonNull(idCertNotAfter, "idCertNotAfter == null");
    convertedLicenses = List.copyOf(convertedLicenses);
    Objects.requireNonNull(nonce, "nonce == null");
    Objects.requireNonNull(serverTime, "serverTime == null");
  }
}
