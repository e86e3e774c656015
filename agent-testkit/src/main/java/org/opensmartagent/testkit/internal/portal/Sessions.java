package org.opensmartagent.testkit.internal.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The portal's sessions, kept in memory: a random id (the cookie), a random CSRF token, whether the
 * visitor signed in, and when it was last used. A session idle for {@link #IDLE} ends; at most
 * {@link #MAX_SESSIONS} are kept, the least recently used dropped first. Signing in replaces the
 * session (a new id and CSRF token), so an id set before sign-in is worth nothing after it.
 * Thread-safe.
 */
final class Sessions {
  static final Duration IDLE = Duration.ofHours(8);
  static final int MAX_SESSIONS = 256;

  /** One visitor's session. Immutable. */
  record Session(String id, String csrf, boolean signedIn) {
    @Override
    public String toString() {
      return "Session[signedIn=" + signedIn + "]";
    }

    /** True when {@code token} is this session's CSRF token (compared in constant time). */
    boolean acceptsCsrf(String token) {
      return MessageDigest.isEqual(
          csrf.getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.UTF_8));
    }
  }

  private record Entry(Session session, Instant lastUsed) {}

  private final SecureRandom random;
  private final Supplier<Instant> clock;
  private final Map<String, Entry> sessions = new LinkedHashMap<>(16, 0.75f, true);

  Sessions(SecureRandom random, Supplier<Instant> clock) {
    this.random = Objects.requireNonNull(random, "random == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** The live session with this id, touched; empty when unknown or idle too long. */
  synchronized Optional<Session> find(String id) {
    Instant now = clock.get();
    Entry e = sessions.get(id);
    if (e == null) {
      return Optional.empty();
    }
    if (now.isAfter(e.lastUsed().plus(IDLE))) {
      sessions.remove(id);
      return Optional.empty();
    }
    sessions.put(id, new Entry(e.session(), now));
    return Optional.of(e.session());
  }

  /** A new session, signed in or not. */
  synchronized Session create(boolean signedIn) {
    while (sessions.size() >= MAX_SESSIONS) {
      Iterator<String> eldest = sessions.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    Session s = new Session(secret(), secret(), signedIn);
    sessions.put(s.id(), new Entry(s, clock.get()));
    return s;
  }

  /** Ends the session {@code id}, if it exists. */
  synchronized void end(String id) {
    sessions.remove(id);
  }

  private String secret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
