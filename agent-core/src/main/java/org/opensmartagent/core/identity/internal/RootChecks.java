package org.opensmartagent.core.identity.internal;

import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.IdentityException.Reason;
import org.opensmartagent.core.identity.LicensingEnvironment;

/** The checks a licensing root must pass before a device pins it. Stateless. */
public final class RootChecks {
  private RootChecks() {}

  /** Parses a DER root or throws {@link Reason#ROOT_CA_IMPORT_FAILED}. */
  public static X509CertificateHolder parse(byte[] der) throws IdentityException {
    Optional<X509CertificateHolder> holder = Certificates.parse(der);
    if (holder.isEmpty()) {
      throw new IdentityException(
          Reason.ROOT_CA_IMPORT_FAILED,
          "the licensing root was refused: it is not a DER or PEM X.509 certificate");
    }
    return holder.get();
  }

  /** Checks that {@code root} is a valid, self-signed CA of the {@code expected} environment. */
  public static void check(X509CertificateHolder root, LicensingEnvironment expected, Instant now)
      throws IdentityException {
    if (!Certificates.isCa(root) || hasKeyUsageWithoutCertSign(root)) {
      throw refused(root, "not a CA certificate");
    }
    if (!Certificates.isSignedBy(root, root)) {
      throw refused(root, "not self-signed");
    }
    checkTime(root, now);
    Optional<LicensingEnvironment> environment = Certificates.environment(root);
    if (environment.isEmpty()) {
      throw refused(
          root,
          "environment marker missing (a certificate policy "
              + expected.policyOid()
              + " marking the "
              + expected
              + " licensing PKI)");
    }
    if (environment.get() != expected) {
      throw refused(
          root, "it is a " + environment.get() + " root but the firmware expects " + expected);
    }
  }

  private static boolean hasKeyUsageWithoutCertSign(X509CertificateHolder root) {
    return root.getExtensions() != null
        && KeyUsage.fromExtensions(root.getExtensions()) != null
        && !Certificates.allows(root, KeyUsage.keyCertSign);
  }

  private static void checkTime(X509CertificateHolder root, Instant now) throws IdentityException {
    try {
      Certificates.checkValidAt(root, now);
    } catch (IdentityException e) {
      String state = e.reason() == Reason.CERT_EXPIRED ? "expired" : "not yet valid";
      throw refused(
          root,
          state
              + " (valid from "
              + root.getNotBefore().toInstant()
              + " until "
              + root.getNotAfter().toInstant()
              + ", checked at "
              + now
              + ")");
    }
  }

  private static IdentityException refused(X509CertificateHolder root, String why) {
    return new IdentityException(
        Reason.ROOT_CA_IMPORT_FAILED,
        "the licensing root " + Certificates.name(root) + " was refused: " + why);
  }
}
