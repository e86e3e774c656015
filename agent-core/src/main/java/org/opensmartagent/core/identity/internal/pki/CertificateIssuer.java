package org.opensmartagent.core.identity.internal.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.KeyAlgorithm;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.internal.Certificates;
import org.opensmartagent.core.identity.internal.CsrCodec;
import org.opensmartagent.core.identity.internal.DeviceKeysContentSigner;

/**
 * A small licensing PKI for the mock license server and tests: roots, issuing CAs, server signing
 * certificates and device ID certificates, every one marked with its {@link LicensingEnvironment}.
 * All CA and signer keys are EC P-256. Time comes from the caller; keys and serial numbers from the
 * injected {@link SecureRandom}. Thread-safe if the random source is.
 */
public final class CertificateIssuer {
  /** Device ID certificates are valid for this long from the time of issue. */
  public static final Duration DEVICE_CERT_VALIDITY = Duration.ofDays(365);

  /** Device ID certificates start this long before the time of issue, to absorb clock skew. */
  public static final Duration DEVICE_CERT_BACKDATE = Duration.ofMinutes(5);

  private static final String ORGANIZATION = "Open Smart Agent Licensing";

  private final SecureRandom random;

  public CertificateIssuer(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random == null");
  }

  /** A self-signed root CA with a path length of one (a single issuing CA below it). */
  public Credential createRoot(
      LicensingEnvironment environment, String commonName, Instant notBefore, Duration validity) {
    Objects.requireNonNull(environment, "environment == null");
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, random);
    X500Name name = name(commonName);
    SubjectPublicKeyInfo keyInfo = keyInfo(keys.encodedPublicKey());
    X509v3CertificateBuilder builder =
        start(name, keyInfo, name, keyInfo, notBefore, validity, environment);
    markCa(builder, 1);
    return new Credential(keys, sign(builder, keys), environment);
  }

  /** An issuing CA (path length zero) signed by {@code parent}, in the parent's environment. */
  public Credential createIssuingCa(
      Credential parent, String commonName, Instant notBefore, Duration validity) {
    Objects.requireNonNull(parent, "parent == null");
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, random);
    X509v3CertificateBuilder builder =
        startUnder(parent, name(commonName), keys.encodedPublicKey(), notBefore, validity);
    markCa(builder, 0);
    return new Credential(keys, sign(builder, parent.keys()), parent.environment());
  }

  /** The license server's message signing certificate, signed by {@code ca}. */
  public Credential createSigningCertificate(
      Credential ca, String commonName, Instant notBefore, Duration validity) {
    Objects.requireNonNull(ca, "ca == null");
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, random);
    X509v3CertificateBuilder builder =
        startUnder(ca, name(commonName), keys.encodedPublicKey(), notBefore, validity);
    markEndEntity(builder);
    return new Credential(keys, sign(builder, ca.keys()), ca.environment());
  }

  /**
   * Issues a device ID certificate for a verified CSR: subject and UDI alt-names copied from the
   * request, valid from {@code now} minus {@link #DEVICE_CERT_BACKDATE} until {@code now} plus
   * {@link #DEVICE_CERT_VALIDITY}.
   *
   * @throws IdentityException with reason {@code CSR_INVALID} if the request is refused.
   */
  public X509Certificate issueDeviceCertificate(Credential ca, byte[] csrDer, Instant now)
      throws IdentityException {
    Objects.requireNonNull(ca, "ca == null");
    Objects.requireNonNull(csrDer, "csrDer == null");
    Objects.requireNonNull(now, "now == null");
    PKCS10CertificationRequest csr = CsrCodec.parseAndVerify(csrDer);
    Instant notBefore = now.minus(DEVICE_CERT_BACKDATE);
    Duration validity = DEVICE_CERT_VALIDITY.plus(DEVICE_CERT_BACKDATE);
    X509v3CertificateBuilder builder =
        start(
            ca.holder().getSubject(),
            ca.holder().getSubjectPublicKeyInfo(),
            csr.getSubject(),
            csr.getSubjectPublicKeyInfo(),
            notBefore,
            validity,
            ca.environment());
    markEndEntity(builder);
    copyAltNames(csr, builder);
    return Certificates.toX509(sign(builder, ca.keys()));
  }

  private X509v3CertificateBuilder startUnder(
      Credential issuer, X500Name subject, byte[] publicKey, Instant notBefore, Duration validity) {
    return start(
        issuer.holder().getSubject(),
        issuer.holder().getSubjectPublicKeyInfo(),
        subject,
        keyInfo(publicKey),
        notBefore,
        validity,
        issuer.environment());
  }

  private X509v3CertificateBuilder start(
      X500Name issuer,
      SubjectPublicKeyInfo issuerKey,
      X500Name subject,
      SubjectPublicKeyInfo subjectKey,
      Instant notBefore,
      Duration validity,
      LicensingEnvironment environment) {
    Objects.requireNonNull(notBefore, "notBefore == null");
    Objects.requireNonNull(validity, "validity == null");
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity <= 0: " + validity);
    }
    Instant start = notBefore.truncatedTo(ChronoUnit.SECONDS);
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            issuer,
            new BigInteger(159, random).add(BigInteger.ONE),
            Date.from(start),
            Date.from(start.plus(validity)),
            subject,
            subjectKey);
    BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
    PolicyInformation policy = new PolicyInformation(Certificates.oid(environment));
    add(builder, Extension.certificatePolicies, false, new CertificatePolicies(policy));
    add(
        builder,
        Extension.subjectKeyIdentifier,
        false,
        utils.createSubjectKeyIdentifier(subjectKey));
    add(
        builder,
        Extension.authorityKeyIdentifier,
        false,
        utils.createAuthorityKeyIdentifier(issuerKey));
    return builder;
  }

  private static void markCa(X509v3CertificateBuilder builder, int pathLength) {
    add(builder, Extension.basicConstraints, true, new BasicConstraints(pathLength));
    add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
  }

  private static void markEndEntity(X509v3CertificateBuilder builder) {
    add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
    add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
  }

  private static void copyAltNames(
      PKCS10CertificationRequest csr, X509v3CertificateBuilder builder) {
    Extensions requested = csr.getRequestedExtensions();
    Extension altNames =
        requested == null ? null : requested.getExtension(Extension.subjectAlternativeName);
    if (altNames == null) return;
    try {
      builder.addExtension(altNames);
    } catch (IOException e) {
      throw new IllegalStateException("a parsed alt-name extension cannot be copied", e);
    }
  }

  private static void add(
      X509v3CertificateBuilder builder,
      ASN1ObjectIdentifier oid,
      boolean critical,
      ASN1Encodable value) {
    try {
      builder.addExtension(oid, critical, value);
    } catch (IOException e) {
      throw new IllegalStateException("extension " + oid + " cannot be encoded", e);
    }
  }

  private static X509CertificateHolder sign(X509v3CertificateBuilder builder, DeviceKeys signer) {
    return builder.build(new DeviceKeysContentSigner(signer));
  }

  private static X500Name name(String commonName) {
    Objects.requireNonNull(commonName, "commonName == null");
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, ORGANIZATION)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  private static SubjectPublicKeyInfo keyInfo(byte[] encoded) {
    return SubjectPublicKeyInfo.getInstance(encoded);
  }
}
