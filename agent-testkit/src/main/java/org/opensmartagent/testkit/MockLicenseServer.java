package org.opensmartagent.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.PinnedRoot;
import org.opensmartagent.testkit.internal.FaultPlan;
import org.opensmartagent.testkit.internal.LicenseService;
import org.opensmartagent.testkit.internal.LicensingDispatcher;
import org.opensmartagent.testkit.internal.NoDelayServerSocketFactory;
import org.opensmartagent.testkit.internal.Persistence;
import org.opensmartagent.testkit.internal.ProtocolHandler;
import org.opensmartagent.testkit.internal.ServerClock;
import org.opensmartagent.testkit.internal.ServerPki;
import org.opensmartagent.testkit.internal.ServerState;
import org.opensmartagent.testkit.internal.ServerTls;
import org.opensmartagent.testkit.internal.json.AdminRoutes;
import org.opensmartagent.testkit.internal.json.StateFile;
import org.opensmartagent.testkit.internal.portal.Portal;
import org.opensmartagent.testkit.internal.portal.PortalDispatcher;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.TransportSettings;

/**
 * A mock smart license server (CSSM) on loopback: the Call Home and Smart Transport endpoints, an
 * admin API under {@code /admin/}, fault injection, and optional persistence: a {@link Database}
 * (SQLite or PostgreSQL, one transaction per change, keys in an owner-only file) or a JSON state
 * file. It creates its own licensing PKI (root, issuing CA, response and reservation signing
 * certificates) and its own TLS CA; agents pin {@link #pinnedRoot()}, trust {@link
 * #tlsCaCertificatePem()} and, for offline reservation, configure {@link
 * #reservationSigningChain()}. A test tool: its state file holds private keys and tokens in clear.
 *
 * <p>Admin API (JSON only: every request needs {@code Authorization: Bearer} {@link #adminToken()},
 * else 401; a POST whose {@code Content-Type} is not {@code application/json} is 415; no CORS
 * headers are sent; errors are 400/404/409 with {@code {"error": "..."}}): {@code POST
 * /admin/accounts {name}}, {@code POST /admin/accounts/{sa}/virtual-accounts {name}}, {@code POST
 * /admin/virtual-accounts/{va}/tokens {description, validityDays, maxUses, exportControlled}}
 * (gives {@code {token}}), {@code POST /admin/tokens/{token}/revoke}, {@code POST
 * /admin/virtual-accounts/{va}/licenses {tag, count, start?, end?, allowOverage?}}, {@code GET
 * /admin/instances}, {@code GET /admin/virtual-accounts/{va}/usage}, {@code POST /admin/faults
 * {clear?, latencyMillis?, clockOffsetSeconds?, fail?: {status, times, retryAfterSeconds?}, drop?,
 * malformed?, tryAgainLater?: {times, retryAfterSeconds?}}}, and for offline reservation {@code
 * POST /admin/virtual-accounts/{va}/reservations {requestCode, type, entitlements: [{tag, count}]}}
 * (gives {@code {authorizationCode}}), {@code POST /admin/reservations/confirm {requestCode,
 * confirmationCode}}, {@code POST /admin/reservations/return {returnCode}} and {@code GET
 * /admin/reservations}; a refused reservation (too few licenses, a code used twice or matching
 * nothing) is 409. A request the server cannot decode (broken envelope or payload, so no nonce to
 * echo) is answered HTTP 400; a decodable request with a bad signature or ID certificate gets a
 * signed CERTIFICATE_INVALID rejection.
 *
 * <p>Thread-safe. Time comes from the injected clock (plus the fault plan's clock offset),
 * randomness from the injected {@link SecureRandom}.
 */
public final class MockLicenseServer implements Closeable {
  private final Clock clock;
  private final boolean https;
  private final int port;
  private final Optional<Path> stateFile;
  private final ServerState state;
  private final ServerPki pki;
  private final ServerTls tls;
  private final FaultPlan faultPlan = new FaultPlan();
  private final LicenseService service;
  private final MockWebServer server = new MockWebServer();
  private final LicenseAdmin admin;
  private final Faults faults;
  private final String adminToken;
  private final Optional<Database> database;

  private MockLicenseServer(Builder b) {
    this.clock = b.clock;
    this.adminToken = b.adminToken.orElseGet(() -> newAdminToken(b.random));
    this.https = b.https;
    this.port = b.port;
    this.stateFile = b.stateFile;
    ServerClock serverClock = new ServerClock(b.clock, faultPlan);
    this.database = b.database;
    ServerStorage storage =
        ServerStorage.open(
            new ServerStorage.Source(
                b.database, b.stateFile, b.importStateFile, b.environment, b.clock, b.random));
    this.state = storage.state();
    this.pki = storage.pki();
    this.tls = storage.tls();
    Persistence persistence = storage.persistence();
    this.service =
        new LicenseService(state, pki, serverClock, b.random, b.instanceLimit, persistence);
    this.admin = new LicenseAdmin(service);
    this.faults = new Faults(faultPlan);
    server.setDispatcher(
        new PortalDispatcher(
            new Portal(service, faultPlan, adminToken, b.random, b.https),
            new LicensingDispatcher(
                new ProtocolHandler(service),
                serverClock,
                faultPlan,
                new AdminRoutes(service, faultPlan, adminToken))));
    stateFile.ifPresent(this::saveTo);
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
  }

  private static String newAdminToken(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening on loopback; returns this. */
  public MockLicenseServer start() throws IOException {
    if (https) {
      server.useHttps(tls.serverCertificates().sslSocketFactory());
    }
    server.start(InetAddress.getByName("localhost"), port);
    return this;
  }

  /** Stops listening and closes the database; the state stays readable and saved. Idempotent. */
  @Override
  public void close() {
    server.close();
    service.closeStore();
  }

  /** The port listened on; call after {@link #start()}. */
  public int port() {
    return server.getPort();
  }

  /** The server's base URL, e.g. {@code https://localhost:53412}; call after {@link #start()}. */
  public URI baseUrl() {
    return URI.create((https ? "https" : "http") + "://localhost:" + port());
  }

  /** The URL an agent uses for {@code kind}: the cloud path, or the on-prem gateway path. */
  public URI url(TransportKind kind) {
    Objects.requireNonNull(kind, "kind == null");
    String path =
        switch (kind) {
          case DIRECT -> LicensingDispatcher.CALL_HOME_PATH;
          case TRANSPORT_GATEWAY -> LicensingDispatcher.GATEWAY_PATH;
          case SMART_TRANSPORT -> LicensingDispatcher.SMART_TRANSPORT_PATH;
        };
    return baseUrl().resolve(path);
  }

  /**
   * Settings for an agent channel to this server over {@code kind}, trusting only the server's TLS
   * CA and using the server's clock.
   *
   * @throws IllegalStateException for Smart Transport on a plain-http server
   */
  public TransportSettings transportSettings(TransportKind kind) {
    if (!https && kind.requiresHttps()) {
      throw new IllegalStateException(
          kind.label() + " requires https; build the server with https(true)");
    }
    TransportSettings.Builder builder =
        new TransportSettings.Builder().kind(kind).url(url(kind)).clock(clock);
    if (https) {
      builder.trustedCertificates(
          List.of(tlsCaCertificatePem().getBytes(StandardCharsets.US_ASCII)));
    }
    return builder.build();
  }

  /** The licensing root an agent pins, checked at the server's time. */
  public PinnedRoot pinnedRoot() {
    return pki.pinnedRoot(service.clock().now());
  }

  /**
   * The certificate chain (leaf first, DER, fresh copies) of the key that signs reservation
   * authorization codes; agents configure it with {@code reservationSigningChain(..)} next to
   * {@link #pinnedRoot()}.
   */
  public List<byte[]> reservationSigningChain() {
    return pki.reservationSigningChain();
  }

  /** The licensing root as PEM. */
  public String rootCertificatePem() {
    return pki.rootPem();
  }

  /** The CA that signed the server's TLS certificate, as PEM. */
  public String tlsCaCertificatePem() {
    return tls.caPem();
  }

  /**
   * The secret the admin API requires as {@code Authorization: Bearer TOKEN}, and the web portal
   * ({@link #portalUrl()}) at sign-in; {@link MockServerDirectory#write} stores it owner-only next
   * to the root PEM. Never logged.
   */
  public String adminToken() {
    return adminToken;
  }

  /** The web portal's address, {@code baseUrl()/portal}; sign in with {@link #adminToken()}. */
  public URI portalUrl() {
    return baseUrl().resolve(Portal.PATH);
  }

  /** The database the state is kept in, if any. */
  public Optional<Database> database() {
    return database;
  }

  /** True when the server serves https. */
  public boolean isHttps() {
    return https;
  }

  public LicenseAdmin admin() {
    return admin;
  }

  public Faults faults() {
    return faults;
  }

  /** Writes the whole state, PKI and TLS keys included, to {@code file} atomically. */
  public void saveTo(Path file) {
    Objects.requireNonNull(file, "file == null");
    service.read(
        s -> {
          StateFile.save(file, s, pki, tls);
          return Boolean.TRUE;
        });
  }

  /** Collects the server's configuration; not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private boolean https = true;
    private int port;
    private int instanceLimit = 25_000;
    private LicensingEnvironment environment = LicensingEnvironment.PRODUCTION;
    private Optional<Path> stateFile = Optional.empty();
    private Optional<String> adminToken = Optional.empty();
    private Optional<Database> database = Optional.empty();
    private Optional<Path> importStateFile = Optional.empty();

    private Builder() {}

    /**
     * Keeps the state in {@code database} (SQLite or a JDBC URL such as PostgreSQL), one
     * transaction per change; the keys stay in its owner-only keys file. Not with {@link
     * #stateFile}.
     */
    public Builder database(Database database) {
      this.database = Optional.of(Objects.requireNonNull(database, "database == null"));
      return this;
    }

    /**
     * Imports a JSON state file (the {@link #stateFile} format) into a new {@link #database}: its
     * accounts, tokens, instances and reservations go into the database, its keys into the keys
     * file.
     */
    public Builder importStateFile(Path file) {
      this.importStateFile = Optional.of(Objects.requireNonNull(file, "file == null"));
      return this;
    }

    /**
     * The admin API's bearer token (at least 16 characters of {@code [A-Za-z0-9_-]}); by default a
     * random one from the injected {@link SecureRandom}.
     */
    public Builder adminToken(String token) {
      Objects.requireNonNull(token, "token == null");
      if (!token.matches("[A-Za-z0-9_-]{16,}")) {
        throw new IllegalArgumentException(
            "adminToken must be at least 16 of A-Z, a-z, 0-9, '_' and '-'");
      }
      this.adminToken = Optional.of(token);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /** Serve https (the default) or plain http. Smart Transport needs https. */
    public Builder https(boolean https) {
      this.https = https;
      return this;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535; got " + port);
      }
      this.port = port;
      return this;
    }

    /** The most product instances one smart account may hold; 25,000 by default. */
    public Builder instanceLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("instanceLimit must be at least 1; got " + limit);
      }
      this.instanceLimit = limit;
      return this;
    }

    /** The PKI environment of a new server; ignored when a state file is loaded. */
    public Builder environment(LicensingEnvironment environment) {
      this.environment = Objects.requireNonNull(environment, "environment == null");
      return this;
    }

    /** Loads {@code file} if it exists, and saves every change to it. */
    public Builder stateFile(Path file) {
      this.stateFile = Optional.of(Objects.requireNonNull(file, "file == null"));
      return this;
    }

    /**
     * Builds the server (not started).
     *
     * @throws UncheckedIOException if the state file cannot be read or written
     * @throws IllegalArgumentException if the state file is corrupt
     */
    public MockLicenseServer build() {
      if (database.isPresent() && stateFile.isPresent()) {
        throw new IllegalStateException(
            "give a database or a state file, not both; import a state file with"
                + " importStateFile");
      }
      if (importStateFile.isPresent() && database.isEmpty()) {
        throw new IllegalStateException("importStateFile needs a database to import into");
      }
      if (database.isEmpty() && stateFile.isEmpty()) {
        database = Database.fromTestProperty();
      }
      return new MockLicenseServer(this);
    }
  }
}
