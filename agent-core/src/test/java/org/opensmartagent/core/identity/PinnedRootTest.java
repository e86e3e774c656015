package org.opensmartagent.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.identity.ChainValidatorTest.assertRefused;
import static org.opensmartagent.core.identity.TestPki.ISSUE_TIME;
import static org.opensmartagent.core.identity.TestPki.ROOT_START;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.identity.IdentityException.Reason;
import org.opensmartagent.core.identity.internal.DeviceKeysContentSigner;
import org.opensmartagent.core.identity.internal.Pem;

class PinnedRootTest {
  private static final TestPki PRODUCTION = new TestPki(LicensingEnvironment.PRODUCTION, 20);
  private static final TestPki DEVELOPMENT = new TestPki(LicensingEnvironment.DEVELOPMENT, 21);

  @Test
  void importsDerAndPem() throws Exception {
    byte[] der = PRODUCTION.root.encoded();
    String pem = Pem.encode(Pem.CERTIFICATE, der);

    PinnedRoot fromDer = PinnedRoot.parse(der, LicensingEnvironment.PRODUCTION, ISSUE_TIME);
    PinnedRoot fromPem = PinnedRoot.parse(pem, LicensingEnvironment.PRODUCTION, ISSUE_TIME);

    assertThat(fromDer.encoded()).isEqualTo(der);
    assertThat(fromPem.encoded()).isEqualTo(der);
    assertThat(fromPem.environment()).isEqualTo(LicensingEnvironment.PRODUCTION);
    assertThat(fromPem.certificate().getBasicConstraints()).isEqualTo(1);
  }

  @Test
  void endEntityCertificateIsNotACa() {
    assertImportRefused(PRODUCTION.signer.encoded(), ISSUE_TIME, "not a CA certificate");
  }

  @Test
  void issuingCaIsNotSelfSigned() {
    assertImportRefused(PRODUCTION.issuingCa.encoded(), ISSUE_TIME, "not self-signed");
  }

  @Test
  void expiredRootIsRefused() {
    Instant late = ROOT_START.plus(Duration.ofDays(365L * 21));

    assertImportRefused(PRODUCTION.root.encoded(), late, "expired");
  }

  @Test
  void rootFromTheFutureIsRefused() {
    assertImportRefused(PRODUCTION.root.encoded(), ROOT_START.minusSeconds(1), "not yet valid");
  }

  @Test
  void rootWithoutEnvironmentMarkerIsRefused() throws Exception {
    assertImportRefused(unmarkedRoot(), ISSUE_TIME, "environment marker missing");
  }

  @Test
  void developmentRootIsRefusedWhereProductionIsExpected() {
    assertImportRefused(
        DEVELOPMENT.root.encoded(),
        ISSUE_TIME,
        "it is a DEVELOPMENT root but the firmware expects PRODUCTION");
  }

  @Test
  void garbageIsRefused() {
    assertImportRefused(new byte[] {0x30, 0x01}, ISSUE_TIME, "not a DER or PEM X.509 certificate");
    assertImportRefused(
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"
            .getBytes(StandardCharsets.US_ASCII),
        ISSUE_TIME,
        "no readable CERTIFICATE block");
  }

  private static void assertImportRefused(byte[] root, Instant now, String why) {
    assertRefused(
            () -> PinnedRoot.parse(root, LicensingEnvironment.PRODUCTION, now),
            Reason.ROOT_CA_IMPORT_FAILED)
        .hasMessageContaining(why);
  }

  /** A valid self-signed CA without the certificate-policies extension. */
  private static byte[] unmarkedRoot() throws Exception {
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, TestRandom.seeded(22));
    X500Name name = new X500Name("CN=Unmarked Root");
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            name,
            BigInteger.TEN,
            Date.from(ROOT_START),
            Date.from(ROOT_START.plus(Duration.ofDays(3650))),
            name,
            SubjectPublicKeyInfo.getInstance(keys.encodedPublicKey()));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    return builder.build(new DeviceKeysContentSigner(keys)).getEncoded();
  }
}
