package org.opensmartagent.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.transport.TransportKind;

/**
 * A started mock server on a virtual clock, with smart account "acme", virtual account "lab" and a
 * standard token in it.
 */
final class Fixture implements AutoCloseable {
  static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

  final VirtualTime time;
  final MockLicenseServer server;
  final String token;
  private int devices;

  Fixture() throws Exception {
    this(MockLicenseServer.builder());
  }

  Fixture(MockLicenseServer.Builder builder) throws Exception {
    this(builder, new VirtualTime(START));
  }

  Fixture(MockLicenseServer.Builder builder, VirtualTime time) throws Exception {
    this(builder, time, true);
  }

  /** With {@code fresh} false, a server restarted from its state file: no accounts are added. */
  Fixture(MockLicenseServer.Builder builder, VirtualTime time, boolean fresh) throws Exception {
    this.time = time;
    server = builder.clock(time.clock()).random(new SecureRandom()).build().start();
    if (fresh) {
      server.admin().createSmartAccount("acme").createVirtualAccount("acme", "lab");
      token = server.admin().createToken("lab", TokenSpec.standard("lab devices"));
    } else {
      token = "";
    }
  }

  TestDevice device(TransportKind kind) {
    return device(kind, "PID:ESA-C170,SN:FCH" + String.format("%04d", ++devices));
  }

  TestDevice device(TransportKind kind, String udi) {
    return new TestDevice(server, kind, udi, time.clock());
  }

  TestDevice device() {
    return device(TransportKind.SMART_TRANSPORT);
  }

  @Override
  public void close() {
    server.close();
  }
}
