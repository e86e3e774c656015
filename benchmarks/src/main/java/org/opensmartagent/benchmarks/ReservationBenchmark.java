package org.opensmartagent.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.PinnedRoot;
import org.opensmartagent.core.identity.internal.pki.CertificateIssuer;
import org.opensmartagent.core.identity.internal.pki.Credential;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReservedEntitlement;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.time.Schedulers;

/**
 * Offline reservation: request code generation, and installing an authorization code (parse,
 * verify, one commit) next to the floor it is compared with, one raw ECDSA P-256 verify of the same
 * bytes with BouncyCastle (the provider the agent uses) and with the JDK's SunEC.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReservationBenchmark {
  private static final Udi UDI = Udi.of("ESA-C170", "FCH0001");

  private Schedulers.ClosableScheduler scheduler;
  private SmartAgent agent;
  private Credential signer;
  private String codeText;
  private byte[] signedBytes;
  private byte[] signature;
  private PublicKey bcKey;
  private PublicKey sunKey;
  private final BouncyCastleProvider bc = new BouncyCastleProvider();
  private final SplittableRandom random = new SplittableRandom(1);

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Instant now = Instant.now();
    CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
    Instant t = now.minus(Duration.ofDays(1));
    Credential root =
        issuer.createRoot(LicensingEnvironment.PRODUCTION, "Root", t, Duration.ofDays(3650));
    Credential ca = issuer.createIssuingCa(root, "CA", t, Duration.ofDays(3650));
    signer = issuer.createSigningCertificate(ca, "Reservation Signer", t, Duration.ofDays(3650));
    scheduler = Schedulers.daemon("bench", 1);
    agent =
        Agents.offline(new InMemoryTrustedStore(), scheduler, "FCH0001")
            .pinnedRoot(PinnedRoot.parse(root.encoded(), LicensingEnvironment.PRODUCTION, now))
            .reservationSigningChain(List.of(signer.encoded(), ca.encoded()))
            .build();
    agent.enable();
    agent.enableReservation();

    AuthorizationCode sample = authorize(agent.requestCode(ReservationType.SPECIFIC));
    agent.cancelReservation();
    String element =
        sample
            .text()
            .substring(
                sample.text().indexOf("<authorizationCode>"),
                sample.text().indexOf("</authorizationCode>") + "</authorizationCode>".length());
    signedBytes = (element + "\n" + UDI.toCompactString()).getBytes(StandardCharsets.UTF_8);
    signature = sample.signature();
    bcKey = signer.certificate().getPublicKey();
    sunKey =
        KeyFactory.getInstance("EC", "SunEC")
            .generatePublic(new X509EncodedKeySpec(bcKey.getEncoded()));
  }

  private AuthorizationCode authorize(RequestCode request) {
    return AuthorizationCode.create(
        request.type().orElseThrow(),
        "bench-" + request.udi().serialNumber(),
        Instant.now(),
        List.of(
            ReservedEntitlement.of(Agents.MAIL, 1, LicenseTerm.perpetual()),
            ReservedEntitlement.of(Agents.MALWARE, 100, LicenseTerm.perpetual())),
        request.udi(),
        signer.keys());
  }

  /** Before each install: return the last reservation and request a fresh code. Not measured. */
  @Setup(Level.Invocation)
  public void pendingRequest() {
    if (agent.status().registration().state() == RegistrationState.REGISTERED_SLR) {
      agent.returnReservation();
    }
    codeText = authorize(agent.requestCode(ReservationType.SPECIFIC)).text();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    agent.close();
    scheduler.close();
  }

  /** Parse, verify the signature, match the pending request, one commit. */
  @Benchmark
  public void installAuthorizationCode() {
    agent.installAuthorizationCode(codeText);
  }

  /** The floor: one SHA256withECDSA P-256 verify of the same bytes, BouncyCastle. */
  @Benchmark
  public boolean rawVerifyBouncyCastle() throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA", bc);
    s.initVerify(bcKey);
    s.update(signedBytes);
    return s.verify(signature);
  }

  /** The same verify with the JDK's SunEC provider. */
  @Benchmark
  public boolean rawVerifySunEc() throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA", "SunEC");
    s.initVerify(sunKey);
    s.update(signedBytes);
    return s.verify(signature);
  }

  /** Only the code itself: parse its XML and verify its signature, no commit. */
  @Benchmark
  public AuthorizationCode parseAndVerifyOnly() throws Exception {
    AuthorizationCode code = AuthorizationCode.parse(codeText);
    code.verify(bcKey);
    return code;
  }

  /** A request code from its parts (random nonce), no agent. */
  @Benchmark
  public RequestCode requestCodeCreate() {
    return RequestCode.create(ReservationType.SPECIFIC, UDI, "bench", random);
  }
}
