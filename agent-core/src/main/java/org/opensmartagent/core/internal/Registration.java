package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.List;

/**
 * What a successful registration left on the device: the instance identifier, accounts, export flag
 * and the ID certificate chain exactly as the server sent it. Immutable.
 */
record Registration(
    String productInstanceId,
    String smartAccount,
    String virtualAccount,
    boolean exportControlled,
    Instant initialRegistration,
    Instant idCertNotBefore,
    Instant idCertNotAfter,
    Instant lastIdRenewal,
    List<byte[]> idCertificateChain) {

  Registration {
    idCertificateChain = idCertificateChain.stream().map(byte[]::clone).toList();
  }

  Registration renewed(Instant now, Instant notBefore, Instant notAfter, List<byte[]> chain) {
    return new Registration(
        productInstanceId,
        smartAccount,
        virtualAccount,
        exportControlled,
        initialRegistration,
        notBefore,
        notAfter,
        now,
        chain);
  }
}
