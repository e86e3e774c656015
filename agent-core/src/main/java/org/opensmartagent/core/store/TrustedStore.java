package org.opensmartagent.core.store;

/**
 * Keeps the agent's state as one opaque payload that survives restarts, torn writes and power loss.
 *
 * <p>{@link #save} is atomic: when it returns the payload is durable; when it throws, or the
 * process dies inside it, a later {@link #load} returns either the previously committed payload or
 * the new one, never a mix and never nothing. {@link #load} tells a first boot ({@link
 * StoreLoad.Status#EMPTY}) apart from a store that was damaged or deleted ({@link
 * StoreLoad.Status#CORRUPT}).
 *
 * <p>Implementations are safe for concurrent use by multiple threads. Calling {@link #load} or
 * {@link #save} after {@link #close} throws {@link IllegalStateException}.
 */
public interface TrustedStore extends AutoCloseable {

  /** Returns the newest valid generation, or says why there is none. */
  StoreLoad load() throws StoreException;

  /**
   * Durably replaces the stored payload with a copy of {@code payload}. On failure the previously
   * committed payload stays loadable and the exception says what to do.
   */
  void save(byte[] payload) throws StoreException;

  /** Releases the store and any lock it holds. Closing twice has no effect. */
  @Override
  void close();
}
