package org.opensmartagent.testkit.internal;

/**
 * Where the {@link LicenseService} keeps its {@link ServerState}, told about every operation. The
 * service calls these under its lock, so an implementation sees one operation at a time: {@link
 * #beforeRead} before a read; {@link #begin} before a change, then {@link #commit} when it ran, or
 * {@link #abort} when it threw. After a failed {@link #commit} or an {@link #abort} the state in
 * memory equals the stored state again, or the implementation fails every later call until it does;
 * memory is never left ahead of the store.
 */
public interface Persistence {
  /** Keeps nothing: the state lives in memory only. */
  Persistence MEMORY =
      new Persistence() {
        @Override
        public void commit(ServerState state) {
          state.takeChanges();
        }

        @Override
        public void abort(ServerState state) {
          state.takeChanges();
        }
      };

  /** Brings {@code state} up to date with what others stored; by default nothing. */
  default void beforeRead(ServerState state) {}

  /**
   * Starts a change: brings {@code state} up to date and, for a shared store, keeps every other
   * writer out until {@link #commit} or {@link #abort}. By default nothing.
   */
  default void begin(ServerState state) {}

  /**
   * Stores {@link ServerState#takeChanges()}. On failure the change is undone in memory too (or the
   * state is marked for a reload) and a {@link RuntimeException} saying what to do is thrown.
   */
  void commit(ServerState state);

  /** The change threw: forgets whatever it did to {@code state}. */
  void abort(ServerState state);

  /** Stops using the store; the state stays readable in memory. Idempotent. */
  default void close() {}
}
