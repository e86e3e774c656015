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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opensmartagent.core.AgentListener;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.PinnedRoot;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.time.AgentScheduler;
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
   * How long a command that changes state waits, by default, for the store lock held by a running
   * {@code license_smart agent} or interactive shell.
   */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

  /**
   * Opens the device configured in {@code stateDir}, waiting up to {@link #DEFAULT_LOCK_WAIT} for
   * its store.
   *
   * @throws IllegalStateException when it was never enabled, or its store is in use
   * @throws IllegalArgumentException when a configured file is missing or refused
   */
  public static DeviceSession open(Path stateDir, AgentListener listener) {
    return open(stateDir, listener, DEFAULT_LOCK_WAIT);
  }

  /**
   * Opens the device configured in {@code stateDir}, waiting up to {@code lockWait} for another
   * process (a running agent or shell) to release its store.
   */
  public static DeviceSession open(Path stateDir, AgentListener listener, Duration lockWait) {
    DeviceConfig config = ConfigFile.load(stateDir);
    return start(stateDir, config, builder(config, listener), store(stateDir, lockWait));
  }

  /**
   * Opens a device with {@code config} (not yet saved, e.g. during enable), waiting up to {@code
   * lockWait} for its store.
   */
  public static DeviceSession open(
      Path stateDir, DeviceConfig config, AgentListener listener, Duration lockWait) {
    return start(stateDir, config, builder(config, listener), store(stateDir, lockWait));
  }

  /**
   * Opens the device read-only, for status screens: the agent runs on the last committed state,
   * without taking or waiting for the store lock, so it works while {@code license_smart agent} or
   * the shell runs. Nothing it does is stored and its timers never run; call no operation on it.
   */
  public static DeviceSession openReadOnly(Path stateDir) {
    DeviceConfig config = ConfigFile.load(stateDir);
    SmartAgent.Builder b =
        builder(config, AgentListener.NONE)
            .scheduler((delay, task) -> AgentScheduler.Cancellable.NONE);
    Path storeDir = storeDir(stateDir);
    return start(
        stateDir,
        config,
        b,
        () ->
            FileTrustedStore.builder(storeDir, DeviceSecret.randomFileIn(storeDir)).openReadOnly());
  }

  @FunctionalInterface
  private interface StoreOpener {
    TrustedStore open() throws StoreException;
  }

  private static StoreOpener store(Path stateDir, Duration lockWait) {
    Path storeDir = storeDir(stateDir);
    return () ->
        FileTrustedStore.builder(storeDir, DeviceSecret.randomFileIn(storeDir))
            .lockWait(lockWait)
            .open();
  }

  private static Path storeDir(Path stateDir) {
    return stateDir.resolve("store");
  }

  private static SmartAgent.Builder builder(DeviceConfig config, AgentListener listener) {
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
    return b;
  }

  private static DeviceSession start(
      Path stateDir, DeviceConfig config, SmartAgent.Builder b, StoreOpener store) {
    Path storeDir = storeDir(stateDir);
    try {
      b.store(store.open()); // creates the store directory 0700 if missing
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
