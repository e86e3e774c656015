package org.opensmartagent.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.identity.ChainValidatorTest.assertRefused;
import static org.opensmartagent.core.identity.TestPki.ISSUE_TIME;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opensmartagent.core.identity.IdentityException.Reason;

class SignatureVerifierTest {
  private static final TestPki PKI = new TestPki(LicensingEnvironment.PRODUCTION, 30);
  private static final byte[] MESSAGE =
      "{\"nonce\":\"8c1f\",\"udi\":\"PID:ESA-C170,SN:FCH1234ABCD\"}"
          .getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void signatureFromTheIdentitySignerVerifiesWithItsCertificate(KeyAlgorithm algorithm)
      throws Exception {
    IdentitySigner signer = signerFor(DeviceKeys.generate(algorithm, TestRandom.seeded(31)));

    byte[] signature = signer.sign(MESSAGE);

    SignatureVerifier.verify(signer.idCertificate(), MESSAGE, signature);
    assertThat(signer.signatureAlgorithm()).isEqualTo(algorithm.signatureAlgorithm());
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void flippedBitInDataOrSignatureIsRefused(KeyAlgorithm algorithm) throws Exception {
    IdentitySigner signer = signerFor(DeviceKeys.generate(algorithm, TestRandom.seeded(32)));
    byte[] signature = signer.sign(MESSAGE);
    byte[] data = MESSAGE.clone();
    data[3] ^= 0x01;
    byte[] badSignature = signature.clone();
    badSignature[badSignature.length - 1] ^= 0x01;
    X509Certificate certificate = signer.idCertificate();

    assertRefused(
            () -> SignatureVerifier.verify(certificate, data, signature),
            Reason.SIGNATURE_VERIFICATION_FAILED)
        .hasMessageContaining("does not match the signed data");
    assertRefused(
        () -> SignatureVerifier.verify(certificate, MESSAGE, badSignature),
        Reason.SIGNATURE_VERIFICATION_FAILED);
  }

  @Test
  void serverSignerSignatureVerifies() throws Exception {
    byte[] signature = PKI.signer.keys().sign(MESSAGE);

    X509Certificate signing =
        new ChainValidator(PKI.pinnedRoot()).validateSigningChain(PKI.signingChain(), ISSUE_TIME);
    SignatureVerifier.verify(signing, MESSAGE, signature);
  }

  @Test
  void signerRefusesACertificateForAnotherKey() throws Exception {
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, TestRandom.seeded(33));
    X509Certificate otherCertificate = PKI.signer.certificate();

    assertRefused(() -> IdentitySigner.of(keys, otherCertificate), Reason.KEY_INVALID)
        .hasMessageContaining("certifies a different public key");
  }

  private static IdentitySigner signerFor(DeviceKeys keys) throws Exception {
    byte[] csr = Csr.create(keys, TestPki.UDI, List.of());
    X509Certificate idCertificate =
        PKI.issuer.issueDeviceCertificate(PKI.issuingCa, csr, ISSUE_TIME);
    return IdentitySigner.of(keys, idCertificate);
  }
}
