package org.opensmartagent.testkit.sim;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.testkit.MockLicenseServer;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.TransportSettings;
import org.opensmartagent.transport.Transports;

/**
 * One mock license server (plain HTTP on loopback) shared by lives that run one after another, and
 * one HTTP channel to it per transport kind, shared by every boot of every life (a device's
 * connections do not outlive a power cycle, but nothing the simulator checks depends on that; a new
 * HTTP client per boot cost a client, a connection and a server thread each time). The server's
 * clock is the true time of the life being run: the life's start plus its monotonic elapsed time,
 * so a device whose wall clock jumps disagrees with the server as a real one would; the channels
 * read the device's wall clock of the life being run. Not thread-safe: parallel lives need a world
 * each.
 */
final class World implements AutoCloseable {
  static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  static {
    // The transport and the engine ask JAXP for a new factory at every message; without these the
    // JDK looks the factory up on the class path each time (a tenth of a life's time). These are
    // the JDK's defaults, so nothing else changes; an explicit setting is left alone.
    jdkDefault("javax.xml.transform.TransformerFactory", "xsltc.trax.TransformerFactoryImpl");
    jdkDefault("javax.xml.parsers.DocumentBuilderFactory", "jaxp.DocumentBuilderFactoryImpl");
  }

  private volatile VirtualTime current = new VirtualTime(START);
  final MockLicenseServer server;
  private final Map<TransportKind, MessageChannel> channels = new EnumMap<>(TransportKind.class);
  private int accounts;

  World() throws IOException {
    server =
        MockLicenseServer.builder()
            .https(false)
            .clock(new DelegatingClock(this::trueNow))
            .random(new SecureRandom())
            .build()
            .start();
    server.admin().createSmartAccount("sim");
  }

  private static void jdkDefault(String property, String internalClass) {
    String prefix =
        property.contains("transform")
            ? "com.sun.org.apache.xalan.internal."
            : "com.sun.org.apache.xerces.internal.";
    if (System.getProperty(property) == null) {
      System.setProperty(property, prefix + internalClass);
    }
  }

  /** A fresh time line for the next life; the server and the channels follow it. */
  VirtualTime newLife() {
    VirtualTime time = new VirtualTime(START);
    current = time;
    server.faults().clear();
    return time;
  }

  String newVirtualAccount() {
    String name = "life-" + (++accounts);
    server.admin().createVirtualAccount("sim", name);
    return name;
  }

  /** The true time of the life being run. */
  Instant trueNow() {
    return START.plus(Duration.ofNanos(current.ticker().getAsLong()));
  }

  /** The HTTP channel of {@code kind} to this world's server; closed with the world. */
  MessageChannel channel(TransportKind kind) {
    return channels.computeIfAbsent(
        kind,
        k ->
            Transports.channel(
                new TransportSettings.Builder()
                    .kind(k)
                    .url(server.url(k))
                    .clock(new DelegatingClock(() -> current.now()))
                    // a hung exchange is a transport failure after 5 s of real time, not a stuck
                    // build
                    .readTimeout(Duration.ofSeconds(5))
                    .callTimeout(Duration.ofSeconds(5))
                    .build()));
  }

  @Override
  public void close() {
    channels.values().forEach(MessageChannel::close);
    server.close();
  }

  private static final class DelegatingClock extends Clock {
    private final Supplier<Instant> now;

    DelegatingClock(Supplier<Instant> now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
