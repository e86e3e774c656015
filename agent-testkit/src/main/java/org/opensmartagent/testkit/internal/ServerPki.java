package org.opensmartagent.testkit.internal;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opensmartagent.core.identity.ChainValidator;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.PinnedRoot;
import org.opensmartagent.core.identity.internal.Pem;
import org.opensmartagent.core.identity.internal.pki.CertificateIssuer;
import org.opensmartagent.core.identity.internal.pki.Credential;
import org.opensmartagent.core.protocol.MessageSigning;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;

/**
 * The license server's PKI: a root, an issuing CA that signs device ID certificates, the
 * certificate that signs every answer, and a separate one that signs reservation authorization
 * codes. Immutable and thread-safe (signing uses the injected random source, which must be
 * thread-safe, as {@link SecureRandom} is).
 */
public final class ServerPki {
  private static final Duration BACKDATE = Duration.ofDays(1);

  private final Credential root;
  private final Credential issuingCa;
  private final Credential signer;
  private final Credential reservationSigner;
  private final CertificateIssuer issuer;

  public ServerPki(
      Credential root,
      Credential issuingCa,
      Credential signer,
      Credential reservationSigner,
      SecureRandom random) {
    this.root = Objects.requireNonNull(root, "root == null");
    this.issuingCa = Objects.requireNonNull(issuingCa, "issuingCa == null");
    this.signer = Objects.requireNonNull(signer, "signer == null");
    this.reservationSigner = Objects.requireNonNull(reservationSigner, "reservationSigner == null");
    this.issuer = new CertificateIssuer(random);
  }

  /** A fresh PKI whose certificates start a day before {@code now}. */
  public static ServerPki create(
      LicensingEnvironment environment, Instant now, SecureRandom random) {
    CertificateIssuer issuer = new CertificateIssuer(random);
    Instant start = now.minus(BACKDATE);
    String suffix = environment == LicensingEnvironment.PRODUCTION ? "" : " (development)";
    Credential root =
        issuer.createRoot(
            environment, "Mock Licensing Root CA" + suffix, start, Duration.ofDays(20 * 365));
    Credential ca =
        issuer.createIssuingCa(
            root, "Mock Licensing Issuing CA" + suffix, start, Duration.ofDays(10 * 365));
    Credential signer =
        issuer.createSigningCertificate(
            ca, "Mock License Server Signer" + suffix, start, Duration.ofDays(5 * 365));
    return new ServerPki(root, ca, signer, createReservationSigner(ca, random), random);
  }

  /**
   * A reservation signing certificate under {@code issuingCa}, valid from the CA's start for five
   * years; also used for a state file saved before reservation signing existed.
   */
  public static Credential createReservationSigner(Credential issuingCa, SecureRandom random) {
    LicensingEnvironment env = issuingCa.environment();
    String suffix = env == LicensingEnvironment.PRODUCTION ? "" : " (development)";
    return new CertificateIssuer(random)
        .createSigningCertificate(
            issuingCa,
            "Mock License Server Reservation Signer" + suffix,
            issuingCa.certificate().getNotBefore().toInstant(),
            Duration.ofDays(5 * 365));
  }

  public Credential root() {
    return root;
  }

  public Credential issuingCa() {
    return issuingCa;
  }

  public Credential signer() {
    return signer;
  }

  public Credential reservationSigner() {
    return reservationSigner;
  }

  /** The chain agents pin for reservation codes: [reservation signer, issuing CA], DER. */
  public List<byte[]> reservationSigningChain() {
    return List.of(reservationSigner.encoded(), issuingCa.encoded());
  }

  public LicensingEnvironment environment() {
    return root.environment();
  }

  /** The root as an agent pins it, checked at {@code now}. */
  public PinnedRoot pinnedRoot(Instant now) {
    try {
      return PinnedRoot.parse(root.encoded(), root.environment(), now);
    } catch (IdentityException e) {
      throw new IllegalStateException("the server's own root is refused at " + now, e);
    }
  }

  public String rootPem() {
    return Pem.encode(Pem.CERTIFICATE, root.encoded());
  }

  /** Signs an answer with the signing key; the chain is [signing certificate, issuing CA]. */
  public SignedMessage sign(MessageType type, byte[] payload) {
    return MessageSigning.sign(
        type, payload, signer.keys(), List.of(signer.encoded(), issuingCa.encoded()));
  }

  /** Issues a device ID certificate for a verified CSR. */
  public X509Certificate issue(byte[] csr, Instant now) throws IdentityException {
    return issuer.issueDeviceCertificate(issuingCa, csr, now);
  }

  /** The ID chain the device receives: [device certificate, issuing CA], DER. */
  public List<byte[]> idChain(X509Certificate device) {
    try {
      return List.of(device.getEncoded(), issuingCa.encoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("an issued certificate cannot be encoded", e);
    }
  }

  /**
   * Checks that the first certificate of {@code chain} is a device ID certificate this server's
   * issuing CA issued, valid at {@code now}, and returns it.
   */
  public X509Certificate checkDeviceCertificate(List<byte[]> chain, Instant now)
      throws IdentityException {
    if (chain.isEmpty()) {
      throw new IdentityException(
          IdentityException.Reason.NODE_CERT_VERIFICATION_FAILED,
          "the request carries no ID certificate");
    }
    byte[] leaf = chain.get(0);
    if (Arrays.equals(leaf, signer.encoded())
        || Arrays.equals(leaf, reservationSigner.encoded())
        || Arrays.equals(leaf, issuingCa.encoded())) {
      throw new IdentityException(
          IdentityException.Reason.NODE_CERT_VERIFICATION_FAILED,
          "the request is signed with a server certificate, not a device ID certificate");
    }
    ByteBuffer key = ByteBuffer.wrap(leaf.clone());
    X509Certificate known;
    synchronized (validated) {
      known = validated.get(key);
    }
    if (known != null && validAt(known, now) && validAt(issuingCaCertificate(), now)) {
      return known; // validated before; only the time can have changed
    }
    X509Certificate device =
        new ChainValidator(pinnedRoot(now))
            .validateNodeChain(List.of(leaf, issuingCa.encoded()), now);
    synchronized (validated) {
      validated.put(key, device);
    }
    return device;
  }

  private X509Certificate issuingCaCertificate() {
    X509Certificate ca = issuingCaCertificate;
    if (ca == null) {
      ca = issuingCa.certificate();
      issuingCaCertificate = ca;
    }
    return ca;
  }

  private volatile X509Certificate issuingCaCertificate; // converted once, on first use

  private static boolean validAt(X509Certificate c, Instant now) {
    return !now.isBefore(c.getNotBefore().toInstant()) && now.isBefore(c.getNotAfter().toInstant());
  }

  /**
   * Device certificates that already validated, by their exact bytes: a busy server (the fleet
   * simulator) then spends one signature check per request instead of four. Bounded.
   */
  private final Map<ByteBuffer, X509Certificate> validated =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, X509Certificate> eldest) {
          return size() > VALIDATED_CACHE;
        }
      };

  private static final int VALIDATED_CACHE = 20_000;
}
