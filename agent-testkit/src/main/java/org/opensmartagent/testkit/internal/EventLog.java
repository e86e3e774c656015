package org.opensmartagent.testkit.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The last {@link #CAPACITY} things the server did, oldest first: each admin change and each
 * licensing answer, with the server's time. Never holds a token, key or code. Not thread-safe:
 * {@link LicenseService} uses it under its lock.
 */
public final class EventLog {
  /** How many events are kept; older ones are dropped. */
  public static final int CAPACITY = 1000;

  /** One thing the server did: when, what kind ({@code admin} or {@code licensing}), and what. */
  public record Event(Instant at, String kind, String text) {
    public Event {
      Objects.requireNonNull(at, "at == null");
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(text, "text == null");
    }
  }

  private final Deque<Event> events = new ArrayDeque<>();

  void add(Instant at, String kind, String text) {
    if (events.size() == CAPACITY) {
      events.removeFirst();
    }
    events.addLast(new Event(at, kind, text));
  }

  List<Event> list() {
    return new ArrayList<>(events);
  }
}
