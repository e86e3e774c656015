package org.opensmartagent.core.identity;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.opensmartagent.core.identity.IdentityException.Reason;
import org.opensmartagent.core.identity.internal.Certificates;
import org.opensmartagent.core.identity.internal.ChainChecks;

/**
 * Validates certificate chains presented by the license server against the {@link PinnedRoot}, at a
 * time the caller supplies (the agent's trusted time; the system clock is never read).
 *
 * <p>A chain is a list of DER certificates, leaf first, optionally ending with the root itself. It
 * is accepted when every certificate carries the root's environment marker, each is signed by the
 * next (the last by the root), every signer is a CA allowed to sign certificates within its path
 * length, the leaf is an end-entity certificate allowed to sign, no unknown extension is critical,
 * and the time lies in every certificate's validity window, the root's included.
 *
 * <p>Failures: {@link Reason#DEVELOPMENT_CERT_WITH_PRODUCTION_ROOT} for a development certificate
 * under a production root; {@link Reason#CERT_EXPIRED} and {@link Reason#CERT_NOT_YET_VALID} with
 * the window and the time checked; otherwise the role's reason ({@link
 * Reason#NODE_CERT_VERIFICATION_FAILED} or {@link Reason#SIGNING_CERT_VERIFICATION_FAILED}).
 * Immutable and thread-safe.
 */
public final class ChainValidator {
  private final PinnedRoot root;

  public ChainValidator(PinnedRoot root) {
    this.root = Objects.requireNonNull(root, "root == null");
  }

  /** Validates the device's ID ("node") certificate chain and returns the leaf. */
  public X509Certificate validateNodeChain(List<byte[]> chainLeafFirst, Instant at)
      throws IdentityException {
    return validate(chainLeafFirst, at, Reason.NODE_CERT_VERIFICATION_FAILED);
  }

  /** Validates the license server's signing certificate chain and returns the leaf. */
  public X509Certificate validateSigningChain(List<byte[]> chainLeafFirst, Instant at)
      throws IdentityException {
    return validate(chainLeafFirst, at, Reason.SIGNING_CERT_VERIFICATION_FAILED);
  }

  /**
   * Validates a signing certificate chain that ships with the product in every respect but time,
   * and returns the leaf: the device clock may be wrong when the product starts; check the time
   * with {@link #validateSigningChain} when the chain is used.
   */
  public X509Certificate validateSigningChainIgnoringTime(List<byte[]> chainLeafFirst)
      throws IdentityException {
    Objects.requireNonNull(chainLeafFirst, "chainLeafFirst == null");
    ChainChecks checks =
        new ChainChecks(root.holder(), root.environment(), Reason.SIGNING_CERT_VERIFICATION_FAILED);
    return Certificates.toX509(checks.validateIgnoringTime(List.copyOf(chainLeafFirst)));
  }

  public PinnedRoot root() {
    return root;
  }

  private X509Certificate validate(List<byte[]> chain, Instant at, Reason failure)
      throws IdentityException {
    Objects.requireNonNull(chain, "chainLeafFirst == null");
    Objects.requireNonNull(at, "at == null");
    ChainChecks checks = new ChainChecks(root.holder(), root.environment(), failure);
    return Certificates.toX509(checks.validate(List.copyOf(chain), at));
  }
}
