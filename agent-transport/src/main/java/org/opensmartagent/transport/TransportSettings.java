package org.opensmartagent.transport;

import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opensmartagent.transport.internal.Certificates;

/**
 * Where and how to reach the license server: the transport kind, URL, proxy, TLS trust, FIPS mode,
 * timeouts and the largest answer accepted. Immutable and thread-safe; {@link Builder#build()}
 * checks the combination and throws {@link IllegalArgumentException} saying what to change.
 */
public final class TransportSettings {
  /** The largest answer accepted unless configured otherwise: 1 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

  private final TransportKind kind;
  private final URI url;
  private final Optional<ProxySettings> proxy;
  private final boolean serverIdentityCheck;
  private final List<X509Certificate> trustedCertificates;
  private final boolean fipsMode;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final long maxResponseBytes;
  private final Clock clock;

  private TransportSettings(Builder builder, URI url) {
    this.kind = builder.kind;
    this.url = url;
    this.proxy = builder.proxy;
    this.serverIdentityCheck = builder.serverIdentityCheck;
    this.trustedCertificates = builder.trustedCertificates;
    this.fipsMode = builder.fipsMode;
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
    this.callTimeout = builder.callTimeout;
    this.maxResponseBytes = builder.maxResponseBytes;
    this.clock = builder.clock;
  }

  /** The Call Home URL of an on-premises server, e.g. {@code https://host/Transportgateway/…}. */
  public static URI onPremGateway(String host) {
    return onPremUrl(host, "/Transportgateway/services/DeviceRequestHandler");
  }

  /** The Smart Transport URL of an on-premises server: {@code https://host/SmartTransport}. */
  public static URI onPremSmartTransport(String host) {
    return onPremUrl(host, "/SmartTransport");
  }

  private static URI onPremUrl(String host, String path) {
    Objects.requireNonNull(host, "host == null");
    if (host.isBlank() || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
      throw new IllegalArgumentException(
          "host must be a host name or address with an optional :port, e.g. satellite.example;"
              + " got "
              + host);
    }
    return UrlRules.parse("https://" + host + path);
  }

  public TransportKind kind() {
    return kind;
  }

  public URI url() {
    return url;
  }

  public Optional<ProxySettings> proxy() {
    return proxy;
  }

  /** Whether the server certificate's name must match the URL's host; on by default. */
  public boolean serverIdentityCheck() {
    return serverIdentityCheck;
  }

  /** The CAs to trust instead of the platform's; empty means the platform default. */
  public List<X509Certificate> trustedCertificates() {
    return trustedCertificates;
  }

  public boolean fipsMode() {
    return fipsMode;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * The total deadline of one exchange, from connecting to the last byte of the answer: a server or
   * proxy that drips its answer cannot hold the agent longer than this.
   */
  public Duration callTimeout() {
    return callTimeout;
  }

  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /** The clock that stamps envelope creation dates. */
  public Clock clock() {
    return clock;
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    return "TransportSettings{"
        + kind
        + " "
        + url
        + proxy.map(p -> ", proxy=" + p).orElse("")
        + ", serverIdentityCheck="
        + serverIdentityCheck
        + ", trustedCertificates="
        + (trustedCertificates.isEmpty() ? "platform" : trustedCertificates.size())
        + ", fipsMode="
        + fipsMode
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", callTimeout="
        + callTimeout
        + ", maxResponseBytes="
        + maxResponseBytes
        + "}";
  }

  /** Collects settings; not thread-safe. Defaults: DIRECT, its default URL, no proxy. */
  public static final class Builder {
    private TransportKind kind = TransportKind.DIRECT;
    private Optional<URI> url = Optional.empty();
    private Optional<ProxySettings> proxy = Optional.empty();
    private boolean serverIdentityCheck = true;
    private List<X509Certificate> trustedCertificates = List.of();
    private boolean fipsMode;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Clock clock = Clock.systemUTC();

    public Builder() {}

    private Builder(TransportSettings settings) {
      this.kind = settings.kind;
      this.url = Optional.of(settings.url);
      this.proxy = settings.proxy;
      this.serverIdentityCheck = settings.serverIdentityCheck;
      this.trustedCertificates = settings.trustedCertificates;
      this.fipsMode = settings.fipsMode;
      this.connectTimeout = settings.connectTimeout;
      this.readTimeout = settings.readTimeout;
      this.callTimeout = settings.callTimeout;
      this.maxResponseBytes = settings.maxResponseBytes;
      this.clock = settings.clock;
    }

    public Builder kind(TransportKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind == null");
      return this;
    }

    /** The server URL; without one the kind's default is used. */
    public Builder url(URI url) {
      Objects.requireNonNull(url, "url == null");
      this.url = Optional.of(UrlRules.check(url));
      return this;
    }

    public Builder url(String url) {
      Objects.requireNonNull(url, "url == null");
      return url(UrlRules.parse(url));
    }

    public Builder proxy(ProxySettings proxy) {
      this.proxy = Optional.of(Objects.requireNonNull(proxy, "proxy == null"));
      return this;
    }

    public Builder noProxy() {
      this.proxy = Optional.empty();
      return this;
    }

    /** Turns host name verification on (the default) or off for lab servers. */
    public Builder serverIdentityCheck(boolean enabled) {
      this.serverIdentityCheck = enabled;
      return this;
    }

    /** Trusts the certificates in {@code keyStore} instead of the platform's CAs. */
    public Builder trustStore(KeyStore keyStore) {
      this.trustedCertificates = Certificates.from(keyStore);
      return this;
    }

    /** Trusts these CA certificates (each PEM or DER) instead of the platform's CAs. */
    public Builder trustedCertificates(List<byte[]> pemOrDer) {
      List<X509Certificate> parsed = Certificates.parse(pemOrDer);
      if (parsed.isEmpty()) {
        throw new IllegalArgumentException("certificates is empty; give at least one CA");
      }
      this.trustedCertificates = parsed;
      return this;
    }

    /** Back to the platform's trusted CAs. */
    public Builder platformTrust() {
      this.trustedCertificates = List.of();
      return this;
    }

    /** In FIPS mode only https URLs are accepted. */
    public Builder fipsMode(boolean enabled) {
      this.fipsMode = enabled;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = UrlRules.checkTimeout(timeout, "connectTimeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = UrlRules.checkTimeout(timeout, "readTimeout");
      return this;
    }

    /** The total deadline of one exchange; 60 s unless set. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = UrlRules.checkTimeout(timeout, "callTimeout");
      return this;
    }

    public Builder maxResponseBytes(long bytes) {
      if (bytes < 1 || bytes > Integer.MAX_VALUE - 1) {
        throw new IllegalArgumentException(
            "maxResponseBytes must be in 1.." + (Integer.MAX_VALUE - 1) + "; got " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Checks the combination of kind, URL and FIPS mode, and builds the settings. */
    public TransportSettings build() {
      URI resolved =
          url.or(kind::defaultUrl)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          kind.label()
                              + " needs a URL; set url(...), e.g."
                              + " TransportSettings.onPremGateway(\"satellite.example\")"));
      UrlRules.checkScheme(kind, fipsMode, resolved);
      return new TransportSettings(this, resolved);
    }
  }
}
