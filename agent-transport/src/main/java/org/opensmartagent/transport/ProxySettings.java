package org.opensmartagent.transport;

import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy, with optional Basic credentials. https targets are tunnelled with CONNECT. The
 * password never appears in {@link #toString()}. Immutable.
 */
public final class ProxySettings {
  private final String host;
  private final int port;
  private final Optional<String> username;
  private final Optional<String> password;

  private ProxySettings(
      String host, int port, Optional<String> username, Optional<String> password) {
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
  }

  /** A proxy without authentication. */
  public static ProxySettings of(String host, int port) {
    Objects.requireNonNull(host, "host == null");
    if (host.isBlank() || host.contains("/") || host.contains("@")) {
      throw new IllegalArgumentException(
          "proxy host must be a bare host name or address, e.g. proxy.example; got " + host);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("proxy port must be in 1..65535; got " + port);
    }
    return new ProxySettings(host, port, Optional.empty(), Optional.empty());
  }

  /** This proxy with Basic credentials; the username is given without a domain or realm. */
  public ProxySettings withCredentials(String username, String password) {
    Objects.requireNonNull(username, "username == null");
    Objects.requireNonNull(password, "password == null");
    if (username.isBlank() || username.contains(":")) {
      throw new IllegalArgumentException(
          "proxy username must be non-blank and contain no ':' (Basic authentication)");
    }
    return new ProxySettings(host, port, Optional.of(username), Optional.of(password));
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public Optional<String> username() {
    return username;
  }

  /** The Basic password; a secret, never logged. */
  public Optional<String> password() {
    return password;
  }

  /** {@code host:port}, as error messages print it. */
  public String address() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return "ProxySettings{"
        + address()
        + username.map(u -> ", username=" + u + ", password=<hidden>").orElse("")
        + "}";
  }
}
