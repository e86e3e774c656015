package org.opensmartagent.core.identity.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.IdentityException.Reason;
import org.opensmartagent.core.identity.LicensingEnvironment;

/**
 * Validates a certificate chain (leaf first) against a pinned root, in this order: parsing,
 * environment markers, issuer names and signatures, CA constraints, leaf constraints, validity. The
 * markers are compared before signatures so that a development chain shown to a production device
 * gets its dedicated reason rather than a generic chain failure; either way the chain is refused.
 * Stateless.
 */
public final class ChainChecks {
  private static final Set<ASN1ObjectIdentifier> UNDERSTOOD_CRITICAL =
      Set.of(
          Extension.basicConstraints,
          Extension.keyUsage,
          Extension.certificatePolicies,
          Extension.subjectAlternativeName,
          Extension.extendedKeyUsage);

  private final X509CertificateHolder root;
  private final LicensingEnvironment environment;
  private final Reason failure;

  /** {@code failure} is the reason for a broken chain, which depends on the certificate's role. */
  public ChainChecks(X509CertificateHolder root, LicensingEnvironment environment, Reason failure) {
    this.root = root;
    this.environment = environment;
    this.failure = failure;
  }

  /** Returns the validated leaf. */
  public X509CertificateHolder validate(List<byte[]> chainDer, Instant at)
      throws IdentityException {
    List<X509CertificateHolder> chain = checkStructure(chainDer);
    for (X509CertificateHolder certificate : chain) Certificates.checkValidAt(certificate, at);
    Certificates.checkValidAt(root, at);
    return chain.get(0);
  }

  /**
   * Every check of {@link #validate} but the validity windows; returns the leaf. For a chain that
   * ships with the product, whose time is checked when it is used.
   */
  public X509CertificateHolder validateIgnoringTime(List<byte[]> chainDer)
      throws IdentityException {
    return checkStructure(chainDer).get(0);
  }

  private List<X509CertificateHolder> checkStructure(List<byte[]> chainDer)
      throws IdentityException {
    List<X509CertificateHolder> chain = parse(chainDer);
    for (X509CertificateHolder certificate : chain) checkEnvironment(certificate);
    for (int i = 0; i < chain.size(); i++) {
      X509CertificateHolder issuer = i + 1 < chain.size() ? chain.get(i + 1) : root;
      checkLink(chain.get(i), issuer);
      checkIssuerConstraints(issuer, i);
    }
    checkLeaf(chain.get(0));
    for (X509CertificateHolder certificate : chain) checkCriticalExtensions(certificate);
    return chain;
  }

  private List<X509CertificateHolder> parse(List<byte[]> chainDer) throws IdentityException {
    List<X509CertificateHolder> chain = new ArrayList<>();
    for (int i = 0; i < chainDer.size(); i++) {
      Optional<X509CertificateHolder> holder = Certificates.parse(chainDer.get(i));
      if (holder.isEmpty()) {
        throw broken("certificate #" + (i + 1) + " of the chain is not a DER X.509 certificate");
      }
      chain.add(holder.get());
    }
    if (!chain.isEmpty() && chain.get(chain.size() - 1).equals(root)) {
      chain.remove(chain.size() - 1);
    }
    if (chain.isEmpty()) throw broken("the certificate chain is empty");
    return chain;
  }

  private void checkEnvironment(X509CertificateHolder certificate) throws IdentityException {
    Optional<LicensingEnvironment> marked = Certificates.environment(certificate);
    if (marked.isEmpty()) {
      throw broken(
          "certificate "
              + Certificates.name(certificate)
              + " carries no licensing environment marker (certificate policy)");
    }
    if (marked.get() == environment) return;
    if (marked.get() == LicensingEnvironment.DEVELOPMENT) {
      throw new IdentityException(
          Reason.DEVELOPMENT_CERT_WITH_PRODUCTION_ROOT,
          "a development certificate was presented to a device that pins the production"
              + " licensing root (certificate "
              + Certificates.name(certificate)
              + ")");
    }
    throw broken(
        "a production certificate "
            + Certificates.name(certificate)
            + " was presented to a device that pins the development licensing root");
  }

  private void checkLink(X509CertificateHolder certificate, X509CertificateHolder issuer)
      throws IdentityException {
    if (Certificates.isSignedBy(certificate, issuer)) return;
    String target =
        issuer == root ? "the pinned licensing root " : "the next certificate in the chain, ";
    throw broken(
        "certificate "
            + Certificates.name(certificate)
            + " is not signed by "
            + target
            + Certificates.name(issuer));
  }

  /** {@code below} is the index of the certificate the issuer signed, so the CAs under it. */
  private void checkIssuerConstraints(X509CertificateHolder issuer, int below)
      throws IdentityException {
    if (!Certificates.isCa(issuer) || !Certificates.allows(issuer, KeyUsage.keyCertSign)) {
      throw broken(
          "certificate "
              + Certificates.name(issuer)
              + " signs certificates but is not a CA allowed to (basicConstraints/keyUsage)");
    }
    Optional<BigInteger> pathLength = Certificates.pathLength(issuer);
    if (pathLength.isPresent() && pathLength.get().compareTo(BigInteger.valueOf(below)) < 0) {
      throw broken(
          "CA "
              + Certificates.name(issuer)
              + " allows "
              + pathLength.get()
              + " CA(s) below it but the chain has "
              + below);
    }
  }

  private void checkLeaf(X509CertificateHolder leaf) throws IdentityException {
    if (Certificates.isCa(leaf)) {
      throw broken("leaf certificate " + Certificates.name(leaf) + " is a CA certificate");
    }
    if (!Certificates.allows(leaf, KeyUsage.digitalSignature)) {
      throw broken(
          "leaf certificate " + Certificates.name(leaf) + " does not allow digital signatures");
    }
  }

  private void checkCriticalExtensions(X509CertificateHolder certificate) throws IdentityException {
    for (Object oid : certificate.getCriticalExtensionOIDs()) {
      if (!UNDERSTOOD_CRITICAL.contains(oid)) {
        throw broken(
            "certificate "
                + Certificates.name(certificate)
                + " has an unsupported critical extension "
                + oid);
      }
    }
  }

  private IdentityException broken(String what) {
    return new IdentityException(failure, what);
  }
}
