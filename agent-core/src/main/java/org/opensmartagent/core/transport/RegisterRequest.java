package org.opensmartagent.core.transport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.Udi;

/**
 * Registers a product instance: the one-time token, the device's UDIs, its software-ID tag, a
 * PKCS#10 CSR for its ID certificate, and the classic licenses to convert (Device Led Conversion).
 * {@link #toString()} never prints the token.
 */
public record RegisterRequest(
    String token,
    List<Udi> udis,
    Optional<EntitlementTag> softwareTag,
    String nonce,
    Optional<String> hostname,
    Optional<String> agentVersion,
    List<EntitlementTag> classicLicenses,
    byte[] csr,
    boolean force) {

  public RegisterRequest {
    Objects.requireNonNull(token, "token == null");
    udis = List.copyOf(udis);
    if (udis.isEmpty()) {
      throw new IllegalArgumentException("udis is empty");
    }
    Objects.requireNonNull(softwareTag, "softwareTag == null");
    Objects.requireNonNull(nonce, "nonce == null");
    Objects.requireNonNull(hostname, "hostname == null");
    Objects.requireNonNull(agentVersion, "agentVersion == null");
    classicLicenses = List.copyOf(classicLicenses);
    csr = csr.clone();
  }

  @Override
  public byte[] csr() {
    return csr.clone();
  }

  @Override
  public String toString() {
    return "RegisterRequest{udis="
        + udis
        + ", softwareTag="
        + softwareTag
        + ", nonce="
        + nonce
        + ", token=<hidden>, classicLicenses="
        + classicLicenses
        + ", force="
        + force
        + "}";
  }
}
