package org.opensmartagent.cli.command;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.config.DeviceConfig;
import org.opensmartagent.cli.config.TransportConfig;
import org.opensmartagent.transport.TransportKind;
import picocli.CommandLine.Option;

/** The transport and privacy settings that {@code enable} and {@code url} take. */
public final class TransportOptions {
  @Option(
      names = "--direct",
      paramLabel = "URL",
      arity = "0..1",
      fallbackValue = "",
      description =
          "Call Home straight to the license server at URL (an on-prem or mock server);"
              + " without a URL, to the vendor cloud.")
  Optional<String> direct = Optional.empty();

  @Option(
      names = "--transport-gateway",
      paramLabel = "URL",
      description = "Call Home through a transport gateway or on-prem server at URL.")
  Optional<String> gateway = Optional.empty();

  @Option(
      names = "--smart-transport",
      paramLabel = "URL",
      description = "Smart Transport (JSON over https) to URL.")
  Optional<String> smartTransport = Optional.empty();

  @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "Use this HTTP proxy.")
  Optional<String> proxy = Optional.empty();

  @Option(names = "--proxy-user", paramLabel = "USER", description = "The proxy user name.")
  Optional<String> proxyUser = Optional.empty();

  @Option(
      names = "--proxy-password",
      paramLabel = "PASSWORD",
      arity = "0..1",
      fallbackValue = "",
      description =
          "The proxy password; without a value it is asked for without echo. Never printed.")
  Optional<String> proxyPassword = Optional.empty();

  @Option(names = "--no-proxy", description = "Connect without a proxy.")
  boolean noProxy;

  @Option(
      names = "--server-identity-check",
      arity = "1",
      paramLabel = "on|off",
      converter = Switch.class,
      description = "Check the server's host name (default on).")
  Optional<Boolean> identityCheck = Optional.empty();

  @Option(
      names = "--trusted-ca",
      paramLabel = "PEM",
      description = "Trust this CA for the server's TLS certificate (on-prem servers).")
  Optional<Path> trustedCa = Optional.empty();

  @Option(
      names = "--send-hostname",
      arity = "1",
      paramLabel = "yes|no",
      converter = Switch.class,
      description = "Send the host name at registration (default no).")
  Optional<Boolean> sendHostname = Optional.empty();

  @Option(
      names = "--version-privacy",
      arity = "1",
      paramLabel = "on|off",
      converter = Switch.class,
      description = "Keep the agent version from the server (default off).")
  Optional<Boolean> versionPrivacy = Optional.empty();

  @Option(
      names = "--fips-mode",
      arity = "1",
      paramLabel = "on|off",
      converter = Switch.class,
      description = "FIPS mode: https only, FIPS-approved TLS (default off).")
  Optional<Boolean> fipsMode = Optional.empty();

  /** True when any setting was given. */
  boolean changes() {
    return noProxy
        || Stream.of(
                direct,
                gateway,
                smartTransport,
                proxy,
                proxyUser,
                proxyPassword,
                identityCheck,
                trustedCa,
                sendHostname,
                versionPrivacy,
                fipsMode)
            .anyMatch(Optional::isPresent);
  }

  /**
   * {@code config} with these settings applied.
   *
   * @throws IllegalArgumentException for contradicting or malformed settings
   */
  DeviceConfig apply(DeviceConfig config, Io io) {
    DeviceConfig c = config.withTransport(transport(config.transport(), io));
    c.transport().toSettings(); // refuses unusable combinations now, not at the next command
    return c.withPrivacy(
        sendHostname.orElse(config.sendHostname()), versionPrivacy.orElse(config.versionPrivacy()));
  }

  private TransportConfig transport(TransportConfig t, Io io) {
    long kinds = Stream.of(direct, gateway, smartTransport).filter(Optional::isPresent).count();
    if (kinds > 1) {
      throw new IllegalArgumentException(
          "give only one of --direct, --transport-gateway and --smart-transport");
    }
    if (direct.isPresent()) {
      t = t.withKind(TransportKind.DIRECT, direct.map(String::trim).filter(u -> !u.isEmpty()));
    }
    if (gateway.isPresent()) {
      t = t.withKind(TransportKind.TRANSPORT_GATEWAY, gateway);
    }
    if (smartTransport.isPresent()) {
      t = t.withKind(TransportKind.SMART_TRANSPORT, smartTransport);
    }
    t = proxy(t, io);
    t = t.withServerIdentityCheck(identityCheck.orElse(t.serverIdentityCheck()));
    t = t.withFipsMode(fipsMode.orElse(t.fipsMode()));
    // stored absolute, so that the device works from any working directory
    return trustedCa.isPresent() ? t.withTrustedCa(trustedCa.map(Path::toAbsolutePath)) : t;
  }

  private TransportConfig proxy(TransportConfig t, Io io) {
    if (noProxy && (proxy.isPresent() || proxyUser.isPresent() || proxyPassword.isPresent())) {
      throw new IllegalArgumentException("--no-proxy can't be combined with other proxy settings");
    }
    if (noProxy) {
      return t.withProxy(Optional.empty());
    }
    Optional<TransportConfig.Proxy> p = proxy.map(TransportConfig.Proxy::parse).or(t::proxy);
    if (p.isEmpty()) {
      if (proxyUser.isPresent() || proxyPassword.isPresent()) {
        throw new IllegalArgumentException(
            "a proxy user or password needs a proxy; add --proxy host:port");
      }
      return t;
    }
    TransportConfig.Proxy old = p.get();
    Optional<String> user = proxyUser.or(old::user);
    Optional<String> password =
        proxyPassword
            .map(pw -> pw.isEmpty() ? io.readSecret("Enter the proxy password: ").orElse("") : pw)
            .or(old::password);
    return t.withProxy(
        Optional.of(new TransportConfig.Proxy(old.host(), old.port(), user, password)));
  }
}
