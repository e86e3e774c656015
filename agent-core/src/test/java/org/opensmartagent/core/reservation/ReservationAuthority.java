package org.opensmartagent.core.reservation;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.PinnedRoot;
import org.opensmartagent.core.identity.internal.pki.CertificateIssuer;
import org.opensmartagent.core.identity.internal.pki.Credential;

/** The license server's reservation side, for core tests: a root and a code-signing key. */
public final class ReservationAuthority {
  private final Credential root;
  private final Credential ca;
  private final Credential signer;
  private final Instant start;

  public ReservationAuthority(Instant start) {
    this.start = start;
    CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
    Instant t = start.minus(Duration.ofDays(1));
    root = issuer.createRoot(LicensingEnvironment.PRODUCTION, "Root", t, Duration.ofDays(3650));
    ca = issuer.createIssuingCa(root, "CA", t, Duration.ofDays(3650));
    signer = issuer.createSigningCertificate(ca, "Reservation Signer", t, Duration.ofDays(3650));
  }

  public PinnedRoot pinnedRoot() throws Exception {
    return PinnedRoot.parse(root.encoded(), LicensingEnvironment.PRODUCTION, start);
  }

  public org.opensmartagent.core.identity.DeviceKeys signingKeysForTest() {
    return signer.keys();
  }

  public java.security.PublicKey signingChainKey() {
    return signer.certificate().getPublicKey();
  }

  public List<byte[]> signingChain() {
    return List.of(signer.encoded(), ca.encoded());
  }

  /** An authorization code answering {@code request}, issued at {@code issued}. */
  public AuthorizationCode authorize(
      RequestCode request, Instant issued, List<ReservedEntitlement> entitlements) {
    return AuthorizationCode.create(
        request.type().orElse(ReservationType.SPECIFIC),
        productInstanceId(request),
        issued,
        entitlements,
        request.udi(),
        signer.keys());
  }

  /**
   * The product instance id this authority assigns to the reservation for {@code request} (a
   * license server's own choice; here a name-based UUID so tests can predict it).
   */
  public static String productInstanceId(RequestCode request) {
    return java.util
        .UUID
        .nameUUIDFromBytes(
            ("test-authority\n" + request.text()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  /** A code for any UDI and instance, e.g. for another device. */
  public AuthorizationCode authorize(
      ReservationType type, String piid, Udi udi, Instant issued, List<ReservedEntitlement> e) {
    return AuthorizationCode.create(type, piid, issued, e, udi, signer.keys());
  }
}
