package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.function.Supplier;
import org.opensmartagent.core.AgentEvent;

/**
 * What the operations ({@link ServerOperations}, {@link Registrations}, {@link Renewals}, {@link
 * ReservationOperations}) may do to the agent: commit a change, read the published state, and run
 * one exchange at a time. They hold this narrow view, never the engine: {@link Commits} owns the
 * state (the loop is {@link Loop}), and the operations only ask it for commits.
 */
interface StateAccess {

  /** A change to a private copy of the state at trusted time {@code now}. */
  @FunctionalInterface
  interface Change<T> {
    T apply(AgentState s, Instant now, Events events);
  }

  /** A change that returns nothing. */
  @FunctionalInterface
  interface Update {
    void apply(AgentState s, Instant now, Events events);
  }

  /** Commits a change: rules applied, stored, published; all or nothing. */
  <T> T commit(Change<T> change);

  /** {@link #commit} for a change that returns nothing. */
  default void change(Update update) {
    commit(
        (s, now, ev) -> {
          update.apply(s, now, ev);
          return null;
        });
  }

  /** {@link #commitVerified} for a change that returns nothing. */
  default void changeVerified(Instant serverTime, Update update) {
    commitVerified(
        serverTime,
        (s, now, ev) -> {
          update.apply(s, now, ev);
          return null;
        });
  }

  /** {@link #commitTransient} for a change that returns nothing. */
  default void changeTransient(Update update) {
    commitTransient(
        (s, now, ev) -> {
          update.apply(s, now, ev);
          return null;
        });
  }

  /** Commits what a verified answer says, with the server's signed time as the reference. */
  <T> T commitVerified(Instant serverTime, Change<T> change);

  /** Applies a change to memory only; solely for what is never stored (an attempt under way). */
  <T> T commitTransient(Change<T> change);

  /** The published state. */
  AgentState current();

  /** The trusted time now, changing nothing. */
  Instant peekTime();

  /** Delivers an event that belongs to no commit. */
  void deliver(AgentEvent event);

  /** Runs a network operation; one at a time per agent. */
  <T> T exclusive(String what, Supplier<T> operation);

  /** Re-arms the wake-up after something outside the state changed (a pending registration). */
  void rescheduleNow();
}
