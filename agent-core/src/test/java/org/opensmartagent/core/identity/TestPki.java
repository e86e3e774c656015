package org.opensmartagent.core.identity;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.opensmartagent.core.identity.internal.pki.CertificateIssuer;
import org.opensmartagent.core.identity.internal.pki.Credential;

/** A root, an issuing CA and a server signer for one environment, at fixed times. */
final class TestPki {
  static final Instant ROOT_START = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant ISSUE_TIME = Instant.parse("2025-06-01T12:00:00Z");
  static final String UDI = "PID:ESA-C170,SN:FCH1234ABCD";

  final CertificateIssuer issuer;
  final Credential root;
  final Credential issuingCa;
  final Credential signer;

  TestPki(LicensingEnvironment environment, long seed) {
    SecureRandom random = TestRandom.seeded(seed);
    issuer = new CertificateIssuer(random);
    root = issuer.createRoot(environment, "Licensing Root " + seed, ROOT_START, years(20));
    issuingCa = issuer.createIssuingCa(root, "Licensing Issuing CA", ROOT_START, years(10));
    signer = issuer.createSigningCertificate(issuingCa, "License Server", ROOT_START, years(2));
  }

  PinnedRoot pinnedRoot() throws IdentityException {
    return PinnedRoot.parse(root.encoded(), root.environment(), ISSUE_TIME);
  }

  /** Issues an ID certificate for {@code keys} at {@link #ISSUE_TIME}; returns leaf + CA. */
  List<byte[]> deviceChain(DeviceKeys keys) throws Exception {
    byte[] csr = Csr.create(keys, UDI, List.of());
    byte[] leaf = issuer.issueDeviceCertificate(issuingCa, csr, ISSUE_TIME).getEncoded();
    return List.of(leaf, issuingCa.encoded());
  }

  List<byte[]> signingChain() {
    return List.of(signer.encoded(), issuingCa.encoded());
  }

  private static Duration years(int years) {
    return Duration.ofDays(365L * years);
  }
}
