package org.opensmartagent.core.internal.wire;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A certificate chain that validated against the pinned root, with the window in which every
 * certificate in it is valid. Immutable.
 */
record ValidatedChain(
    List<byte[]> chain, X509Certificate signer, Instant notBefore, Instant notAfter) {

  /** Remembers {@code chain} (already validated) and the window common to all its certificates. */
  static ValidatedChain of(List<byte[]> chain, X509Certificate signer) {
    Instant from = Instant.MIN;
    Instant until = Instant.MAX;
    try {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      for (byte[] der : chain) {
        X509Certificate c =
            (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der));
        Instant nb = c.getNotBefore().toInstant();
        Instant na = c.getNotAfter().toInstant();
        from = nb.isAfter(from) ? nb : from;
        until = na.isBefore(until) ? na : until;
      }
    } catch (CertificateException e) {
      until = Instant.MIN; // cannot happen for a chain that validated; never cache it then
    }
    return new ValidatedChain(chain.stream().map(byte[]::clone).toList(), signer, from, until);
  }

  boolean matches(List<byte[]> other) {
    if (other.size() != chain.size()) {
      return false;
    }
    for (int i = 0; i < chain.size(); i++) {
      if (!Arrays.equals(chain.get(i), other.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether every certificate of the chain is valid at {@code now}. */
  boolean validAt(Instant now) {
    return !now.isBefore(notBefore) && now.isBefore(notAfter);
  }
}
