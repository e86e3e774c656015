package org.opensmartagent.testkit.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The HTTPS identity of the mock server: a private CA and a certificate for {@code localhost} and
 * {@code 127.0.0.1} signed by it. TLS validity is checked by the JDK against the system clock, so
 * these certificates are dated from {@code now} (the injected clock) minus a day and last ten
 * years. Immutable and thread-safe.
 */
public final class ServerTls {
  private final HeldCertificate ca;
  private final HeldCertificate server;

  public ServerTls(HeldCertificate ca, HeldCertificate server) {
    this.ca = Objects.requireNonNull(ca, "ca == null");
    this.server = Objects.requireNonNull(server, "server == null");
  }

  /** A new CA and server certificate with keys from {@code random}. */
  public static ServerTls create(Instant now, SecureRandom random) {
    long from = now.minus(Duration.ofDays(1)).toEpochMilli();
    long until = now.plus(Duration.ofDays(3650)).toEpochMilli();
    HeldCertificate ca =
        new HeldCertificate.Builder()
            .keyPair(ecKeyPair(random))
            .commonName("Mock License Server TLS CA")
            .certificateAuthority(0)
            .validityInterval(from, until)
            .build();
    HeldCertificate server =
        new HeldCertificate.Builder()
            .keyPair(ecKeyPair(random))
            .commonName("localhost")
            .addSubjectAlternativeName("localhost")
            .addSubjectAlternativeName("127.0.0.1")
            .signedBy(ca)
            .validityInterval(from, until)
            .build();
    return new ServerTls(ca, server);
  }

  /** Restores from {@link #caPemWithKey()} and {@link #serverPemWithKey()}. */
  public static ServerTls decode(String caPemWithKey, String serverPemWithKey) {
    return new ServerTls(
        HeldCertificate.decode(caPemWithKey), HeldCertificate.decode(serverPemWithKey));
  }

  public HandshakeCertificates serverCertificates() {
    return new HandshakeCertificates.Builder().heldCertificate(server, ca.certificate()).build();
  }

  public String caPem() {
    return ca.certificatePem();
  }

  public String caPemWithKey() {
    return ca.certificatePem() + ca.privateKeyPkcs8Pem();
  }

  public String serverPemWithKey() {
    return server.certificatePem() + server.privateKeyPkcs8Pem();
  }

  private static KeyPair ecKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate an EC P-256 key", e);
    }
  }
}
