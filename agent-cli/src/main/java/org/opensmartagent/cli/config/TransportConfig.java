package org.opensmartagent.cli.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opensmartagent.transport.ProxySettings;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.TransportSettings;

/**
 * The device's transport settings as stored in its config: how to reach the license server. The
 * proxy password is kept here in clear (the config file is owner-only) but {@link #toString()} and
 * every screen leave it out.
 */
public record TransportConfig(
    TransportKind kind,
    Optional<String> url,
    Optional<Proxy> proxy,
    boolean serverIdentityCheck,
    Optional<Path> trustedCa,
    boolean fipsMode) {

  public TransportConfig {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(proxy, "proxy == null");
    Objects.requireNonNull(trustedCa, "trustedCa == null");
  }

  /** Direct (Call Home) to the vendor cloud, no proxy, identity check on, FIPS mode off. */
  public static TransportConfig defaults() {
    return new TransportConfig(
        TransportKind.DIRECT, Optional.empty(), Optional.empty(), true, Optional.empty(), false);
  }

  /** A proxy; the password, if any, is never printed. */
  public record Proxy(String host, int port, Optional<String> user, Optional<String> password) {
    public Proxy {
      Objects.requireNonNull(host, "host == null");
      Objects.requireNonNull(user, "user == null");
      Objects.requireNonNull(password, "password == null");
      if (host.isBlank()) {
        throw new IllegalArgumentException("the proxy host is empty; give --proxy host:port");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("the proxy port must be 1..65535, not " + port);
      }
    }

    /** Parses {@code host:port}. */
    public static Proxy parse(String hostPort) {
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0 || colon == hostPort.length() - 1) {
        throw new IllegalArgumentException(
            "--proxy must be host:port, e.g. proxy.example.com:3128; got '" + hostPort + "'");
      }
      try {
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        return new Proxy(hostPort.substring(0, colon), port, Optional.empty(), Optional.empty());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--proxy port must be a number, e.g. proxy.example.com:3128; got '" + hostPort + "'");
      }
    }

    public String address() {
      return host + ":" + port;
    }

    @Override
    public String toString() {
      return address() + user.map(u -> " (user " + u + ")").orElse("");
    }
  }

  public TransportConfig withKind(TransportKind newKind, Optional<String> newUrl) {
    return new TransportConfig(newKind, newUrl, proxy, serverIdentityCheck, trustedCa, fipsMode);
  }

  public TransportConfig withProxy(Optional<Proxy> newProxy) {
    return new TransportConfig(kind, url, newProxy, serverIdentityCheck, trustedCa, fipsMode);
  }

  public TransportConfig withServerIdentityCheck(boolean on) {
    return new TransportConfig(kind, url, proxy, on, trustedCa, fipsMode);
  }

  public TransportConfig withTrustedCa(Optional<Path> ca) {
    return new TransportConfig(kind, url, proxy, serverIdentityCheck, ca, fipsMode);
  }

  public TransportConfig withFipsMode(boolean on) {
    return new TransportConfig(kind, url, proxy, serverIdentityCheck, trustedCa, on);
  }

  /** The URL used: the configured one or the kind's default. */
  public String effectiveUrl() {
    return url.or(() -> kind.defaultUrl().map(Object::toString)).orElse("(not set)");
  }

  /**
   * The settings for a channel.
   *
   * @throws IllegalArgumentException if the combination is not usable or the CA file can't be read
   */
  public TransportSettings toSettings() {
    TransportSettings.Builder b =
        new TransportSettings.Builder()
            .kind(kind)
            .serverIdentityCheck(serverIdentityCheck)
            .fipsMode(fipsMode);
    url.ifPresent(b::url);
    proxy.ifPresent(
        p -> {
          ProxySettings s = ProxySettings.of(p.host(), p.port());
          if (p.user().isPresent()) {
            s = s.withCredentials(p.user().get(), p.password().orElse(""));
          }
          b.proxy(s);
        });
    trustedCa.ifPresent(ca -> b.trustedCertificates(List.of(read(ca))));
    return b.build();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the trusted CA file " + file + ": " + FileProblems.why(e),
          new UncheckedIOException(e));
    }
  }

  @Override
  public String toString() {
    return kind.label()
        + " "
        + effectiveUrl()
        + proxy.map(p -> " via proxy " + p).orElse("")
        + (serverIdentityCheck ? "" : " (server identity check off)")
        + (fipsMode ? " (FIPS mode)" : "");
  }
}
