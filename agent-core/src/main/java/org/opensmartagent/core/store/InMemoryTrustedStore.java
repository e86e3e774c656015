package org.opensmartagent.core.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A {@link TrustedStore} in memory, for tests and diskless devices. It keeps the current and the
 * previous generation like {@link FileTrustedStore}, counts saves, and can simulate a torn current
 * generation with {@link #corruptCurrent}. State is lost with the object. Methods are synchronized.
 */
public final class InMemoryTrustedStore implements TrustedStore {

  private Optional<StoreLoad> current = Optional.empty();
  private Optional<StoreLoad> previous = Optional.empty();
  private boolean currentCorrupt;
  private int saveCount;
  private boolean closed;

  @Override
  public synchronized StoreLoad load() {
    checkOpen();
    if (!currentCorrupt) {
      return current.orElseGet(StoreLoad::empty);
    }
    String why = "the current generation is corrupt (simulated)";
    return previous
        .map(p -> StoreLoad.recovered(p.payload(), p.generation(), why + "; loaded the previous"))
        .orElseGet(() -> StoreLoad.corrupt(why + " and there is no previous generation"));
  }

  @Override
  public synchronized void save(byte[] payload) {
    requireNonNull(payload, "payload == null");
    checkOpen();
    long generation = Math.max(generationOf(current), generationOf(previous)) + 1;
    if (!currentCorrupt) {
      previous = current;
    }
    current = Optional.of(StoreLoad.current(payload, generation));
    currentCorrupt = false;
    saveCount++;
  }

  /** Makes the next loads report the current generation as corrupt, until the next save. */
  public synchronized void corruptCurrent() {
    currentCorrupt = true;
  }

  /** The number of saves that succeeded. */
  public synchronized int saveCount() {
    return saveCount;
  }

  /** Closes the store; later loads and saves throw {@link IllegalStateException}. */
  @Override
  public synchronized void close() {
    closed = true;
  }

  private static long generationOf(Optional<StoreLoad> load) {
    return load.map(StoreLoad::generation).orElse(0L);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
  }
}
