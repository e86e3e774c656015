package org.opensmartagent.transport.internal;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Reads CA certificates for a custom trust store. Stateless; failures are misuse. */
public final class Certificates {
  private Certificates() {}

  /** Parses each entry as one X.509 certificate, PEM or DER. */
  public static List<X509Certificate> parse(List<byte[]> pemOrDer) {
    Objects.requireNonNull(pemOrDer, "certificates == null");
    List<X509Certificate> result = new ArrayList<>();
    for (int i = 0; i < pemOrDer.size(); i++) {
      byte[] encoded = Objects.requireNonNull(pemOrDer.get(i), "certificates[" + i + "] == null");
      result.add(parseOne(encoded, i));
    }
    return List.copyOf(result);
  }

  /** The certificates of every entry of {@code keyStore} (trusted entries and key entries). */
  public static List<X509Certificate> from(KeyStore keyStore) {
    Objects.requireNonNull(keyStore, "keyStore == null");
    try {
      List<X509Certificate> result = new ArrayList<>();
      for (String alias : Collections.list(keyStore.aliases())) {
        Certificate certificate = keyStore.getCertificate(alias);
        if (certificate instanceof X509Certificate x509) {
          result.add(x509);
        }
      }
      if (result.isEmpty()) {
        throw new IllegalArgumentException("keyStore holds no X.509 certificates to trust");
      }
      return List.copyOf(result);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("keyStore is not loaded or unreadable: " + e, e);
    }
  }

  /** A fresh in-memory key store holding {@code certificates} as trusted entries. */
  public static KeyStore keyStoreOf(List<X509Certificate> certificates)
      throws GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      keyStore.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot create an empty key store", e);
    }
    for (int i = 0; i < certificates.size(); i++) {
      keyStore.setCertificateEntry("ca-" + i, certificates.get(i));
    }
    return keyStore;
  }

  private static X509Certificate parseOne(byte[] encoded, int index) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(encoded));
    } catch (CertificateException | ClassCastException e) {
      throw new IllegalArgumentException(
          "certificates[" + index + "] is not a PEM or DER X.509 certificate: " + e.getMessage(),
          e);
    }
  }
}
