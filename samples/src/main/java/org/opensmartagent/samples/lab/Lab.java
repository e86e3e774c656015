package org.opensmartagent.samples.lab;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opensmartagent.core.AgentListener;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.MockLicenseServer;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.Transports;

/**
 * The simulated world the demos run in: a mock license server on loopback with one smart account
 * and one virtual account, and a virtual clock that both the server and the agents read, so a
 * licensing year passes in milliseconds.
 *
 * <p>Not for firmware to copy as is. {@link #agent} shows the builder calls a device makes; on a
 * device, drop the scheduler, clock and ticker (the defaults are the real ones), keep the state in
 * a {@code FileTrustedStore}, and take the URL and the pinned root from the product's
 * configuration.
 *
 * <p>Not thread-safe: the demo thread drives time. {@link #close()} closes every agent made here,
 * then the server.
 */
public final class Lab implements AutoCloseable {
  /** When every simulation begins. */
  public static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

  private final VirtualTime time = new VirtualTime(START);
  private final MockLicenseServer server;
  private final String virtualAccount;
  private final String token;
  private final List<SmartAgent> agents = new ArrayList<>();

  private Lab(String smartAccount, String virtualAccount) throws IOException {
    this.server =
        MockLicenseServer.builder().clock(time.clock()).random(new SecureRandom()).build().start();
    this.virtualAccount = virtualAccount;
    server
        .admin()
        .createSmartAccount(smartAccount)
        .createVirtualAccount(smartAccount, virtualAccount);
    this.token = server.admin().createToken(virtualAccount, TokenSpec.standard("demo devices"));
  }

  /**
   * Starts the mock server with {@code smartAccount} holding {@code virtualAccount} and a 30-day
   * registration token in it.
   *
   * @throws IOException when the server cannot listen on loopback
   */
  public static Lab start(String smartAccount, String virtualAccount) throws IOException {
    Objects.requireNonNull(smartAccount, "smartAccount == null");
    Objects.requireNonNull(virtualAccount, "virtualAccount == null");
    return new Lab(smartAccount, virtualAccount);
  }

  /**
   * A new agent for one device, talking Smart Transport (HTTPS) to the mock server. The agent is
   * closed with this lab.
   */
  public SmartAgent agent(ProductPolicy policy, Udi udi, AgentListener listener)
      throws StoreException {
    SmartAgent agent =
        SmartAgent.builder()
            .policy(policy)
            .udi(udi)
            .channel(Transports.channel(server.transportSettings(TransportKind.SMART_TRANSPORT)))
            .pinnedRoot(server.pinnedRoot())
            .store(new InMemoryTrustedStore())
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .listener(listener)
            .build();
    agents.add(agent);
    return agent;
  }

  /** The registration token an operator would paste into the device. */
  public String token() {
    return token;
  }

  /** Adds licenses to the virtual account's pool, as the customer buying them would. */
  public void grant(LicenseGrant grant) {
    server.admin().addLicenses(virtualAccount, Objects.requireNonNull(grant, "grant == null"));
  }

  /** What the shared virtual clock reads. */
  public Instant now() {
    return time.now();
  }

  /** Moves the clock forward, running every agent timer (renewals, reports, notices) due. */
  public void advance(Duration duration) {
    time.advance(duration);
  }

  /** Moves the clock forward to {@code instant}. */
  public void advanceTo(Instant instant) {
    time.advanceTo(instant);
  }

  @Override
  public void close() {
    agents.forEach(SmartAgent::close);
    server.close();
  }
}
