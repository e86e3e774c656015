package org.opensmartagent.testkit.sim;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.testkit.MockLicenseServer;

/**
 * One mock license server (plain HTTP on loopback) shared by lives that run one after another. Its
 * clock is the true time of the life being run: the life's start plus its monotonic elapsed time,
 * so a device whose wall clock jumps disagrees with the server as a real one would.
 */
final class World implements AutoCloseable {
  static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  private volatile VirtualTime current = new VirtualTime(START);
  final MockLicenseServer server;
  private int accounts;

  World() throws IOException {
    server =
        MockLicenseServer.builder()
            .https(false)
            .clock(new TrueClock())
            .random(new SecureRandom())
            .build()
            .start();
    server.admin().createSmartAccount("sim");
  }

  /** A fresh time line for the next life; the server follows it. */
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

  @Override
  public void close() {
    server.close();
  }

  private final class TrueClock extends Clock {
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
      return trueNow();
    }
  }
}
