package org.opensmartagent.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;
import org.opensmartagent.core.identity.IdentityException.Reason;
import org.opensmartagent.core.identity.internal.Certificates;
import org.opensmartagent.core.identity.internal.Pem;
import org.opensmartagent.core.identity.internal.RootChecks;

/**
 * The licensing root certificate the firmware trusts, with the environment it belongs to. Every
 * certificate the agent accepts must chain to it and carry the same environment marker; see {@link
 * ChainValidator}. Immutable and thread-safe.
 */
public final class PinnedRoot {
  private final X509CertificateHolder holder;
  private final LicensingEnvironment environment;

  private PinnedRoot(X509CertificateHolder holder, LicensingEnvironment environment) {
    this.holder = holder;
    this.environment = environment;
  }

  /**
   * Imports a root given as DER bytes or as PEM text in bytes, checking at the trusted time {@code
   * now} that it is a self-signed CA certificate, valid, and marked for {@code expected}.
   *
   * @throws IdentityException with reason {@link Reason#ROOT_CA_IMPORT_FAILED} naming the failed
   *     check: "not a CA certificate", "not self-signed", "expired", "environment marker missing",
   *     or an environment other than {@code expected}.
   */
  public static PinnedRoot parse(byte[] derOrPem, LicensingEnvironment expected, Instant now)
      throws IdentityException {
    Objects.requireNonNull(derOrPem, "derOrPem == null");
    Objects.requireNonNull(expected, "expected == null");
    Objects.requireNonNull(now, "now == null");
    byte[] der = derOrPem;
    if (Pem.looksLikePem(derOrPem)) {
      der = fromPem(new String(derOrPem, StandardCharsets.US_ASCII));
    }
    X509CertificateHolder holder = RootChecks.parse(der);
    RootChecks.check(holder, expected, now);
    return new PinnedRoot(holder, expected);
  }

  /** As {@link #parse(byte[], LicensingEnvironment, Instant)} for PEM text. */
  public static PinnedRoot parse(String pem, LicensingEnvironment expected, Instant now)
      throws IdentityException {
    Objects.requireNonNull(pem, "pem == null");
    return parse(pem.getBytes(StandardCharsets.US_ASCII), expected, now);
  }

  public LicensingEnvironment environment() {
    return environment;
  }

  public X509Certificate certificate() {
    return Certificates.toX509(holder);
  }

  /** The root's DER encoding; a fresh copy. */
  public byte[] encoded() {
    try {
      return holder.getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a parsed certificate cannot be re-encoded", e);
    }
  }

  X509CertificateHolder holder() {
    return holder;
  }

  @Override
  public String toString() {
    return "PinnedRoot{" + holder.getSubject() + ", " + environment + "}";
  }

  private static byte[] fromPem(String text) throws IdentityException {
    try {
      return Pem.decode(Pem.CERTIFICATE, text);
    } catch (IllegalArgumentException e) {
      throw new IdentityException(
          Reason.ROOT_CA_IMPORT_FAILED,
          "the licensing root was refused: its PEM text holds no readable CERTIFICATE block",
          e);
    }
  }
}
