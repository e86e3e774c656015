package org.opensmartagent.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.transport.TransportKind;

/**
 * The device config as a Java properties file ({@value #NAME}) in the state directory. Written to a
 * temp file created owner-only (0600, whatever the umask) and renamed, since it may hold the proxy
 * password; the state directory is created 0700.
 */
public final class ConfigFile {
  public static final String NAME = "license_smart.properties";

  private ConfigFile() {}

  public static Path in(Path stateDir) {
    return stateDir.resolve(NAME);
  }

  public static boolean exists(Path stateDir) {
    return Files.isRegularFile(in(stateDir));
  }

  /**
   * Loads the config of {@code stateDir}.
   *
   * @throws IllegalStateException when smart licensing was never enabled there
   * @throws IllegalArgumentException when the file is damaged
   */
  public static DeviceConfig load(Path stateDir) {
    Path file = in(stateDir);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "Smart licensing is not enabled in "
              + stateDir
              + ": run license_smart --state-dir "
              + stateDir
              + " enable --udi PID:<pid>,SN:<serial> --root <licensing-root.pem> first");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + FileProblems.why(e), e);
    }
    try {
      return decode(p);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "the config " + file + " is damaged (" + e.getMessage() + "); fix it or enable again", e);
    }
  }

  private static DeviceConfig decode(Properties p) {
    List<Udi> udis = new ArrayList<>();
    for (int i = 1; p.containsKey("udi." + i); i++) {
      udis.add(Udi.parse(p.getProperty("udi." + i)));
    }
    return new DeviceConfig(
        udis,
        opt(p, "product"),
        opt(p, "product.file").map(Path::of),
        Path.of(p.getProperty("root.pem")),
        LicensingEnvironment.valueOf(p.getProperty("root.environment", "PRODUCTION")),
        opt(p, "reservation.chain").map(Path::of),
        transport(p),
        Boolean.parseBoolean(p.getProperty("privacy.send-hostname", "false")),
        Boolean.parseBoolean(p.getProperty("privacy.version", "false")),
        classic(p));
  }

  private static List<EntitlementTag> classic(Properties p) {
    List<EntitlementTag> tags = new ArrayList<>();
    for (int i = 1; p.containsKey("classic." + i); i++) {
      tags.add(EntitlementTag.parse(p.getProperty("classic." + i).trim()));
    }
    return tags;
  }

  private static TransportConfig transport(Properties p) {
    Optional<TransportConfig.Proxy> proxy =
        opt(p, "proxy.host")
            .map(
                h ->
                    new TransportConfig.Proxy(
                        h,
                        Integer.parseInt(p.getProperty("proxy.port")),
                        opt(p, "proxy.user"),
                        opt(p, "proxy.password")));
    return new TransportConfig(
        TransportKind.valueOf(p.getProperty("transport.kind", "DIRECT").toUpperCase(Locale.ROOT)),
        opt(p, "transport.url"),
        proxy,
        Boolean.parseBoolean(p.getProperty("transport.server-identity-check", "true")),
        opt(p, "transport.trusted-ca").map(Path::of),
        Boolean.parseBoolean(p.getProperty("transport.fips-mode", "false")));
  }

  /** Saves {@code config} to {@code stateDir}, replacing any previous one atomically. */
  public static void save(Path stateDir, DeviceConfig config) {
    Properties p = encode(config);
    Path file = in(stateDir);
    try {
      OwnerOnly.createDirectories(stateDir);
      StringWriter text = new StringWriter();
      p.store(text, "license_smart device config; holds the proxy password, keep it private");
      // owner-only from creation: it may hold the proxy password
      OwnerOnly.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + FileProblems.why(e), e);
    }
  }

  private static Properties encode(DeviceConfig c) {
    Properties p = new Properties();
    for (int i = 0; i < c.udis().size(); i++) {
      p.setProperty("udi." + (i + 1), c.udis().get(i).toString());
    }
    c.product().ifPresent(v -> p.setProperty("product", v));
    c.productFile().ifPresent(v -> p.setProperty("product.file", v.toString()));
    p.setProperty("root.pem", c.rootPem().toString());
    p.setProperty("root.environment", c.rootEnvironment().name());
    c.reservationChainPem().ifPresent(v -> p.setProperty("reservation.chain", v.toString()));
    TransportConfig t = c.transport();
    p.setProperty("transport.kind", t.kind().name());
    t.url().ifPresent(v -> p.setProperty("transport.url", v));
    p.setProperty("transport.server-identity-check", String.valueOf(t.serverIdentityCheck()));
    t.trustedCa().ifPresent(v -> p.setProperty("transport.trusted-ca", v.toString()));
    p.setProperty("transport.fips-mode", String.valueOf(t.fipsMode()));
    t.proxy()
        .ifPresent(
            x -> {
              p.setProperty("proxy.host", x.host());
              p.setProperty("proxy.port", String.valueOf(x.port()));
              x.user().ifPresent(v -> p.setProperty("proxy.user", v));
              x.password().ifPresent(v -> p.setProperty("proxy.password", v));
            });
    p.setProperty("privacy.send-hostname", String.valueOf(c.sendHostname()));
    p.setProperty("privacy.version", String.valueOf(c.versionPrivacy()));
    for (int i = 0; i < c.classicLicenses().size(); i++) {
      p.setProperty("classic." + (i + 1), c.classicLicenses().get(i).value());
    }
    return p;
  }

  private static Optional<String> opt(Properties p, String key) {
    return Optional.ofNullable(p.getProperty(key)).map(String::trim).filter(s -> !s.isEmpty());
  }
}
