package org.opensmartagent.cli.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.opensmartagent.core.AgentListener;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.PinnedRoot;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.transport.Transports;

/**
 * One device opened from its state directory: the config and a running {@link SmartAgent} on the
 * trusted store in {@code <state-dir>/store}, with its own daemon scheduler. Close it to stop the
 * agent and release the store.
 */
public final class DeviceSession implements AutoCloseable {
  private final Path stateDir;
  private final DeviceConfig config;
  private final SmartAgent agent;

  private DeviceSession(Path stateDir, DeviceConfig config, SmartAgent agent) {
    this.stateDir = stateDir;
    this.config = config;
    this.agent = agent;
  }

  /**
   * Opens the device configured in {@code stateDir}.
   *
   * @throws IllegalStateException when it was never enabled, or its store is in use
   * @throws IllegalArgumentException when a configured file is missing or refused
   */
  public static DeviceSession open(Path stateDir, AgentListener listener) {
    return open(stateDir, ConfigFile.load(stateDir), listener);
  }

  /** Opens a device with {@code config} (not yet saved, e.g. during enable). */
  public static DeviceSession open(Path stateDir, DeviceConfig config, AgentListener listener) {
    SmartAgent.Builder b =
        SmartAgent.builder()
            .policy(config.policy())
            .channel(Transports.channel(config.transport().toSettings()))
            .pinnedRoot(root(config))
            .versionPrivacy(config.versionPrivacy())
            .listener(listener);
    config.udis().forEach(b::udi);
    config.allClassicLicenses().forEach(b::classicLicense);
    config.reservationChainPem().ifPresent(f -> b.reservationSigningChain(chain(f)));
    if (config.sendHostname()) {
      b.hostname(hostname());
    }
    Path storeDir = stateDir.resolve("store");
    try {
      Files.createDirectories(storeDir);
      b.store(FileTrustedStore.open(storeDir, DeviceSecret.randomFileIn(storeDir)));
      return new DeviceSession(stateDir, config, b.build());
    } catch (StoreException e) {
      throw new IllegalStateException(
          "The device's trusted store in " + storeDir + " cannot be opened: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create the store directory " + storeDir + ": " + FileProblems.why(e), e);
    }
  }

  public Path stateDir() {
    return stateDir;
  }

  public DeviceConfig config() {
    return config;
  }

  public SmartAgent agent() {
    return agent;
  }

  @Override
  public void close() {
    agent.close();
  }

  static PinnedRoot root(DeviceConfig c) {
    try {
      return PinnedRoot.parse(
          read(c.rootPem(), "licensing root"), c.rootEnvironment(), Clock.systemUTC().instant());
    } catch (IdentityException e) {
      throw new IllegalArgumentException(
          "The licensing root " + c.rootPem() + " was refused: " + e.getMessage(), e);
    }
  }

  private static List<byte[]> chain(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      List<byte[]> ders = new ArrayList<>();
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ders.add(cert.getEncoded());
      }
      return ders;
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException(
          "cannot read the reservation signing chain "
              + pem
              + ": "
              + (e instanceof IOException io ? FileProblems.why(io) : e.getMessage()),
          e);
    }
  }

  static byte[] read(Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the " + what + " file " + file + ": " + FileProblems.why(e), e);
    }
  }

  /** The name STATUS prints as the Product Instance Name: this host's name. */
  public static String productInstanceName() {
    return hostname();
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
