package org.opensmartagent.samples.vpnheadend;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The headend's session table. Every user is let in, licensed count or not (the licenses are
 * report-only); a feature that no configured license covers is refused. <b>Copy the two calls</b>
 * into your own session handling: {@link HeadendLicensing#licenseFor} when a session is set up, and
 * the count updates when it opens and closes. Thread-safe.
 */
public final class Headend {
  /** One open VPN session. */
  public record Session(long id, String user, VpnFeature feature, VpnLicense license) {}

  private final String name;
  private final HeadendLicensing licensing;
  private final AtomicLong ids = new AtomicLong();
  private final Set<Session> open = new HashSet<>();

  public Headend(String name, HeadendLicensing licensing) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.licensing = Objects.requireNonNull(licensing, "licensing == null");
  }

  public String name() {
    return name;
  }

  public HeadendLicensing licensing() {
    return licensing;
  }

  /**
   * Opens a session for {@code user} using {@code feature}, counted under the license that covers
   * it.
   *
   * @throws IllegalStateException when no configured license covers {@code feature}
   */
  public Session connect(String user, VpnFeature feature) {
    Objects.requireNonNull(user, "user == null");
    VpnLicense license = licensing.licenseFor(feature);
    Session session = new Session(ids.incrementAndGet(), user, feature, license);
    synchronized (open) {
      open.add(session);
    }
    licensing.opened(user, license);
    return session;
  }

  /**
   * Closes {@code session}.
   *
   * @throws IllegalArgumentException when {@code session} is not open on this headend
   */
  public void disconnect(Session session) {
    Objects.requireNonNull(session, "session == null");
    synchronized (open) {
      if (!open.remove(session)) {
        throw new IllegalArgumentException("Session " + session.id() + " is not open on " + name);
      }
    }
    licensing.closed(session.user(), session.license());
  }
}
