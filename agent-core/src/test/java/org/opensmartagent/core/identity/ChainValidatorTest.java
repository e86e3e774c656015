package org.opensmartagent.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.identity.TestPki.ISSUE_TIME;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.identity.IdentityException.Reason;

class ChainValidatorTest {
  private static final TestPki PRODUCTION = new TestPki(LicensingEnvironment.PRODUCTION, 10);
  private static final TestPki OTHER_PRODUCTION = new TestPki(LicensingEnvironment.PRODUCTION, 11);
  private static final TestPki DEVELOPMENT = new TestPki(LicensingEnvironment.DEVELOPMENT, 12);

  private final DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, TestRandom.seeded(13));

  @Test
  void deviceChainValidatesInsideItsWindow() throws Exception {
    ChainValidator validator = new ChainValidator(PRODUCTION.pinnedRoot());

    X509Certificate leaf =
        validator.validateNodeChain(PRODUCTION.deviceChain(keys), ISSUE_TIME.plus(days(100)));

    assertThat(leaf.getSubjectX500Principal().getName()).contains("FCH1234ABCD");
    assertThat(leaf.getPublicKey().getEncoded()).isEqualTo(keys.encodedPublicKey());
  }

  @Test
  void chainMayEndWithThePinnedRoot() throws Exception {
    List<byte[]> chain = new ArrayList<>(PRODUCTION.deviceChain(keys));
    chain.add(PRODUCTION.root.encoded());

    X509Certificate leaf =
        new ChainValidator(PRODUCTION.pinnedRoot()).validateNodeChain(chain, ISSUE_TIME);

    assertThat(leaf.getPublicKey().getEncoded()).isEqualTo(keys.encodedPublicKey());
    assertThat(leaf.getBasicConstraints()).as("the leaf, not the root, is returned").isEqualTo(-1);
  }

  @Test
  void windowEndsAreInclusive() throws Exception {
    ChainValidator validator = new ChainValidator(PRODUCTION.pinnedRoot());
    List<byte[]> chain = PRODUCTION.deviceChain(keys);

    Instant first = ISSUE_TIME.minus(Duration.ofMinutes(5));
    Instant last = ISSUE_TIME.plus(days(365));

    assertThat(validator.validateNodeChain(chain, first).getNotBefore().toInstant())
        .isEqualTo(first);
    assertThat(validator.validateNodeChain(chain, last).getNotAfter().toInstant()).isEqualTo(last);
    assertRefused(
        () -> validator.validateNodeChain(chain, first.minusSeconds(1)), Reason.CERT_NOT_YET_VALID);
    assertRefused(
        () -> validator.validateNodeChain(chain, last.plusSeconds(1)), Reason.CERT_EXPIRED);
  }

  @Test
  void deviceCertificateExpiresAfter365Days() throws Exception {
    Instant checked = ISSUE_TIME.plus(days(365)).plusSeconds(1);

    assertRefused(
            () -> validateNode(PRODUCTION, PRODUCTION.deviceChain(keys), checked),
            Reason.CERT_EXPIRED)
        .hasMessageContaining("has expired")
        .hasMessageContaining("valid from 2025-06-01T11:55:00Z until 2026-06-01T12:00:00Z")
        .hasMessageContaining("checked at 2026-06-01T12:00:01Z");
  }

  @Test
  void deviceCertificateIsNotValidMoreThanFiveMinutesBeforeIssue() throws Exception {
    Instant checked = ISSUE_TIME.minus(Duration.ofMinutes(5)).minusSeconds(1);

    assertRefused(
            () -> validateNode(PRODUCTION, PRODUCTION.deviceChain(keys), checked),
            Reason.CERT_NOT_YET_VALID)
        .hasMessageContaining("is not valid yet")
        .hasMessageContaining("valid from 2025-06-01T11:55:00Z until 2026-06-01T12:00:00Z")
        .hasMessageContaining("checked at 2025-06-01T11:54:59Z");
  }

  @Test
  void chainUnderAnotherRootIsRefused() throws Exception {
    List<byte[]> foreign = OTHER_PRODUCTION.deviceChain(keys);

    assertRefused(
            () -> validateNode(PRODUCTION, foreign, ISSUE_TIME),
            Reason.NODE_CERT_VERIFICATION_FAILED)
        .hasMessageContaining("is not signed by the pinned licensing root");
  }

  @Test
  void signingChainUnderAnotherRootIsRefusedAsSigningFailure() throws Exception {
    ChainValidator validator = new ChainValidator(PRODUCTION.pinnedRoot());

    X509Certificate signer = validator.validateSigningChain(PRODUCTION.signingChain(), ISSUE_TIME);
    assertThat(signer.getEncoded()).isEqualTo(PRODUCTION.signingChain().get(0));
    assertRefused(
        () -> validator.validateSigningChain(OTHER_PRODUCTION.signingChain(), ISSUE_TIME),
        Reason.SIGNING_CERT_VERIFICATION_FAILED);
  }

  @Test
  void developmentCertificateUnderProductionRootHasItsOwnReason() throws Exception {
    List<byte[]> development = DEVELOPMENT.deviceChain(keys);

    assertRefused(
            () -> validateNode(PRODUCTION, development, ISSUE_TIME),
            Reason.DEVELOPMENT_CERT_WITH_PRODUCTION_ROOT)
        .hasMessageContaining(
            "a development certificate was presented to a device that pins the production"
                + " licensing root");
  }

  @Test
  void productionCertificateUnderDevelopmentRootIsRefused() throws Exception {
    List<byte[]> production = PRODUCTION.deviceChain(keys);

    assertRefused(
            () -> validateNode(DEVELOPMENT, production, ISSUE_TIME),
            Reason.NODE_CERT_VERIFICATION_FAILED)
        .hasMessageContaining("production certificate");
  }

  @Test
  void caCertificateIsNotAcceptedAsLeaf() {
    List<byte[]> chain = List.of(PRODUCTION.issuingCa.encoded());

    assertRefused(
            () -> validateNode(PRODUCTION, chain, ISSUE_TIME), Reason.NODE_CERT_VERIFICATION_FAILED)
        .hasMessageContaining("is a CA certificate");
  }

  @Test
  void leafCannotActAsIssuer() throws Exception {
    List<byte[]> chain = List.of(PRODUCTION.deviceChain(keys).get(0), PRODUCTION.signer.encoded());

    assertRefused(
        () -> validateNode(PRODUCTION, chain, ISSUE_TIME), Reason.NODE_CERT_VERIFICATION_FAILED);
  }

  @Test
  void garbageAndEmptyChainsAreRefused() {
    assertRefused(
            () -> validateNode(PRODUCTION, List.of(new byte[] {1, 2}), ISSUE_TIME),
            Reason.NODE_CERT_VERIFICATION_FAILED)
        .hasMessageContaining("certificate #1 of the chain is not a DER X.509 certificate");
    assertRefused(
            () -> validateNode(PRODUCTION, List.of(), ISSUE_TIME),
            Reason.NODE_CERT_VERIFICATION_FAILED)
        .hasMessageContaining("empty");
  }

  private static X509Certificate validateNode(TestPki pki, List<byte[]> chain, Instant at)
      throws IdentityException {
    return new ChainValidator(pki.pinnedRoot()).validateNodeChain(chain, at);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      ThrowingCallable call, Reason reason) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static Duration days(long days) {
    return Duration.ofDays(days);
  }
}
