package org.opensmartagent.core.identity.internal.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.identity.Csr;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.KeyAlgorithm;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.TestRandom;
import org.opensmartagent.core.identity.internal.Certificates;
import org.opensmartagent.core.identity.internal.UdiNames;

class CertificateIssuerTest {
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2025-03-15T08:30:00Z");
  private static final String UDI = "PID:ESA-C170,SN:FCH1234ABCD";
  private static final String PEER = "PID:ESA-C170,SN:FCH9999WXYZ";

  private final CertificateIssuer issuer = new CertificateIssuer(TestRandom.seeded(40));
  private final Credential root =
      issuer.createRoot(LicensingEnvironment.DEVELOPMENT, "Dev Root", START, Duration.ofDays(3650));
  private final Credential ca =
      issuer.createIssuingCa(root, "Dev Issuing CA", START, Duration.ofDays(1000));

  @Test
  void rootIsASelfSignedCaMarkedWithItsEnvironment() throws Exception {
    X509CertificateHolder holder = new X509CertificateHolder(root.encoded());

    assertThat(Certificates.isSignedBy(holder, holder)).isTrue();
    assertThat(Certificates.isCa(holder)).isTrue();
    assertThat(Certificates.environment(holder)).contains(LicensingEnvironment.DEVELOPMENT);
    assertThat(root.certificate().getNotAfter().toInstant())
        .isEqualTo(START.plus(Duration.ofDays(3650)));
  }

  @Test
  void deviceCertificateCopiesTheRequestAndLastsAYearBackdatedFiveMinutes() throws Exception {
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, TestRandom.seeded(41));
    byte[] csr = Csr.create(keys, UDI, List.of(PEER));

    X509Certificate device = issuer.issueDeviceCertificate(ca, csr, NOW);
    X509CertificateHolder holder = new X509CertificateHolder(device.getEncoded());

    assertThat(device.getNotBefore().toInstant()).isEqualTo(Instant.parse("2025-03-15T08:25:00Z"));
    assertThat(device.getNotAfter().toInstant()).isEqualTo(Instant.parse("2026-03-15T08:30:00Z"));
    assertThat(holder.getSubject().getEncoded()).isEqualTo(subjectOf(csr));
    assertThat(UdiNames.commonName(holder.getSubject())).contains(UDI);
    assertThat(UdiNames.fromAltNames(holder.getExtensions())).containsExactly(UDI, PEER);
    assertThat(device.getPublicKey().getEncoded()).isEqualTo(keys.encodedPublicKey());
    assertThat(device.getBasicConstraints()).isEqualTo(-1);
    assertThat(device.getSerialNumber().signum()).isPositive();
    assertThat(Certificates.environment(holder)).contains(LicensingEnvironment.DEVELOPMENT);
    assertThat(Certificates.isSignedBy(holder, new X509CertificateHolder(ca.encoded()))).isTrue();
  }

  private static byte[] subjectOf(byte[] csr) throws Exception {
    return new org.bouncycastle.pkcs.PKCS10CertificationRequest(csr).getSubject().getEncoded();
  }

  @Test
  void serialsDiffer() throws Exception {
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, TestRandom.seeded(42));
    byte[] csr = Csr.create(keys, UDI, List.of());

    assertThat(issuer.issueDeviceCertificate(ca, csr, NOW).getSerialNumber())
        .isNotEqualTo(issuer.issueDeviceCertificate(ca, csr, NOW).getSerialNumber());
  }

  @Test
  void badRequestIsRefused() {
    assertThatThrownBy(() -> issuer.issueDeviceCertificate(ca, new byte[] {1}, NOW))
        .isInstanceOfSatisfying(
            IdentityException.class,
            e -> assertThat(e.reason()).isEqualTo(IdentityException.Reason.CSR_INVALID));
  }

  @Test
  void nonPositiveValidityIsMisuse() {
    assertThatThrownBy(
            () -> issuer.createRoot(LicensingEnvironment.PRODUCTION, "x", START, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validity");
  }
}
