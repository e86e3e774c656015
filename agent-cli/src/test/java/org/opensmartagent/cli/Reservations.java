package org.opensmartagent.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.internal.pki.CertificateIssuer;
import org.opensmartagent.core.identity.internal.pki.Credential;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReservedEntitlement;

/**
 * The license server's reservation side, until the mock server's admin API can reserve: a root and
 * a signing key this test controls. To switch, replace {@link #authorize} with a call to the mock
 * server and pin the server's root instead of {@link #rootPem}.
 */
final class Reservations {
  final Path rootPem;
  final Path chainPem;
  private final Credential signer;

  Reservations(Path dir) throws Exception {
    CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
    Instant t = Instant.now().minus(Duration.ofDays(1));
    Credential root =
        issuer.createRoot(LicensingEnvironment.PRODUCTION, "Root", t, Duration.ofDays(3650));
    Credential ca = issuer.createIssuingCa(root, "CA", t, Duration.ofDays(3650));
    signer = issuer.createSigningCertificate(ca, "Reservation Signer", t, Duration.ofDays(3650));
    rootPem = Files.writeString(dir.resolve("reservation-root.pem"), pem(root.encoded()));
    chainPem =
        Files.writeString(
            dir.resolve("reservation-chain.pem"), pem(signer.encoded()) + pem(ca.encoded()));
  }

  /** The authorization code answering {@code requestCode}, reserving one of each tag. */
  String authorize(String requestCode, String... tags) {
    RequestCode request = RequestCode.parse(requestCode);
    List<ReservedEntitlement> reserved =
        java.util.Arrays.stream(tags)
            .map(t -> ReservedEntitlement.of(EntitlementTag.parse(t), 1, LicenseTerm.perpetual()))
            .toList();
    return AuthorizationCode.create(
            request.type().orElse(ReservationType.SPECIFIC),
            java.util
                .UUID
                .nameUUIDFromBytes(request.text().getBytes(StandardCharsets.UTF_8))
                .toString(),
            Instant.now(),
            reserved,
            request.udi(),
            signer.keys())
        .text();
  }

  String[] enableArgs(Path state) {
    return new String[] {
      "enable",
      "--state-dir",
      state.toString(),
      "--udi",
      Cli.UDI,
      "--root",
      rootPem.toString(),
      "--reservation-chain",
      chainPem.toString()
    };
  }

  private static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }
}
