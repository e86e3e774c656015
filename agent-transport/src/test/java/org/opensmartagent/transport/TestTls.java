package org.opensmartagent.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A private CA with a certificate for localhost and one for another host name. */
public final class TestTls {
  public static final HeldCertificate CA =
      new HeldCertificate.Builder().commonName("Test Private CA").certificateAuthority(0).build();

  private static final HeldCertificate LOCALHOST =
      new HeldCertificate.Builder()
          .commonName("localhost")
          .addSubjectAlternativeName("localhost")
          .addSubjectAlternativeName("127.0.0.1")
          .signedBy(CA)
          .build();

  private static final HeldCertificate OTHER_HOST =
      new HeldCertificate.Builder()
          .commonName("other.example")
          .addSubjectAlternativeName("other.example")
          .signedBy(CA)
          .build();

  private TestTls() {}

  public static HandshakeCertificates localhostServer() {
    return new HandshakeCertificates.Builder().heldCertificate(LOCALHOST, CA.certificate()).build();
  }

  public static HandshakeCertificates otherHostServer() {
    return new HandshakeCertificates.Builder()
        .heldCertificate(OTHER_HOST, CA.certificate())
        .build();
  }

  /** The CA as PEM, for {@link TransportSettings.Builder#trustedCertificates}. */
  public static List<byte[]> caPem() {
    return List.of(CA.certificatePem().getBytes(StandardCharsets.US_ASCII));
  }
}
