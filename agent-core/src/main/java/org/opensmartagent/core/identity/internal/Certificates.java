package org.opensmartagent.core.identity.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.IdentityException.Reason;
import org.opensmartagent.core.identity.LicensingEnvironment;

/** Small questions asked of BouncyCastle certificate holders. Stateless. */
public final class Certificates {
  private Certificates() {}

  /** Parses DER, or returns empty if it is not an X.509 certificate. */
  public static Optional<X509CertificateHolder> parse(byte[] der) {
    try {
      return Optional.of(new X509CertificateHolder(der));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public static X509Certificate toX509(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter()
          .setProvider(CryptoProvider.BC)
          .getCertificate(holder);
    } catch (CertificateException e) {
      throw new IllegalStateException("BouncyCastle cannot convert a certificate it parsed", e);
    }
  }

  /** The subject, quoted, for messages. */
  public static String name(X509CertificateHolder holder) {
    return "'" + holder.getSubject() + "'";
  }

  /** The environment marked in the certificate policies; empty if none, or if both are. */
  public static Optional<LicensingEnvironment> environment(X509CertificateHolder holder) {
    CertificatePolicies policies = CertificatePolicies.fromExtensions(holder.getExtensions());
    if (policies == null) return Optional.empty();
    Set<LicensingEnvironment> found = EnumSet.noneOf(LicensingEnvironment.class);
    for (PolicyInformation policy : policies.getPolicyInformation()) {
      for (LicensingEnvironment environment : LicensingEnvironment.values()) {
        if (policy.getPolicyIdentifier().equals(oid(environment))) found.add(environment);
      }
    }
    return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
  }

  public static ASN1ObjectIdentifier oid(LicensingEnvironment environment) {
    return new ASN1ObjectIdentifier(environment.policyOid());
  }

  public static boolean isCa(X509CertificateHolder holder) {
    BasicConstraints constraints = BasicConstraints.fromExtensions(holder.getExtensions());
    return constraints != null && constraints.isCA();
  }

  /** The CA's path length constraint; empty if unlimited. */
  public static Optional<BigInteger> pathLength(X509CertificateHolder holder) {
    BasicConstraints constraints = BasicConstraints.fromExtensions(holder.getExtensions());
    return constraints == null
        ? Optional.empty()
        : Optional.ofNullable(constraints.getPathLenConstraint());
  }

  /** True if the key usage extension is present and allows {@code usage}. */
  public static boolean allows(X509CertificateHolder holder, int usage) {
    Extensions extensions = holder.getExtensions();
    KeyUsage keyUsage = extensions == null ? null : KeyUsage.fromExtensions(extensions);
    return keyUsage != null && keyUsage.hasUsages(usage);
  }

  /** True if {@code issuer} names and signed {@code subject}. */
  public static boolean isSignedBy(X509CertificateHolder subject, X509CertificateHolder issuer) {
    if (!subject.getIssuer().equals(issuer.getSubject())) return false;
    try {
      return subject.isSignatureValid(
          new JcaContentVerifierProviderBuilder()
              .setProvider(CryptoProvider.BC)
              .build(issuer.getSubjectPublicKeyInfo()));
    } catch (CertException | OperatorCreationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Throws {@link Reason#CERT_EXPIRED} or {@link Reason#CERT_NOT_YET_VALID} unless {@code at} lies
   * in the certificate's validity window (both ends included).
   */
  public static void checkValidAt(X509CertificateHolder holder, Instant at)
      throws IdentityException {
    Instant notBefore = holder.getNotBefore().toInstant();
    Instant notAfter = holder.getNotAfter().toInstant();
    String window = "it is valid from " + notBefore + " until " + notAfter;
    if (at.isAfter(notAfter)) {
      throw new IdentityException(
          Reason.CERT_EXPIRED,
          "certificate " + name(holder) + " has expired: " + window + ", checked at " + at);
    }
    if (at.isBefore(notBefore)) {
      throw new IdentityException(
          Reason.CERT_NOT_YET_VALID,
          "certificate " + name(holder) + " is not valid yet: " + window + ", checked at " + at);
    }
  }
}
