package org.opensmartagent.testkit.sim;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.StoreLoad;
import org.opensmartagent.core.store.TrustedStore;

/**
 * The device's disk: survives the agent's {@code close()} (a power cycle reopens it), and fails the
 * next saves on request, either before anything is written (disk full) or after the new state is in
 * place (an error reported after the rename, e.g. when syncing the directory).
 */
final class SimStore implements TrustedStore {
  private final InMemoryTrustedStore disk = new InMemoryTrustedStore();
  private final LongSupplier ticker;
  private int failBefore;
  private int failAfter;

  /** The ticker reading of the last save that reached the disk. */
  private long lastWrittenNanos;

  /** A save was refused since then: what the agent counted since is nowhere on the disk. */
  private boolean refusedSinceWritten;

  SimStore(LongSupplier ticker) {
    this.ticker = ticker;
    this.lastWrittenNanos = ticker.getAsLong();
  }

  /**
   * How long the disk has refused to take the agent's state: since the last save that reached it,
   * if one was refused since; zero otherwise. A power-off now loses what was counted in that time,
   * however often the agent checkpoints.
   */
  synchronized Duration refusingFor() {
    return refusedSinceWritten
        ? Duration.ofNanos(ticker.getAsLong() - lastWrittenNanos)
        : Duration.ZERO;
  }

  synchronized void failNextSaves(int count, boolean afterWriting) {
    if (afterWriting) {
      failAfter = count;
      failBefore = 0;
    } else {
      failBefore = count;
      failAfter = 0;
    }
  }

  synchronized void heal() {
    failBefore = 0;
    failAfter = 0;
  }

  /** What the disk holds now. */
  synchronized Optional<byte[]> payload() {
    StoreLoad load = disk.load();
    return load.status() == StoreLoad.Status.EMPTY ? Optional.empty() : Optional.of(load.payload());
  }

  @Override
  public synchronized StoreLoad load() {
    return disk.load();
  }

  @Override
  public synchronized void save(byte[] payload) throws StoreException {
    if (failBefore > 0) {
      failBefore--;
      refusedSinceWritten = true;
      throw new StoreException("No space left on device (injected)");
    }
    disk.save(payload);
    lastWrittenNanos = ticker.getAsLong();
    refusedSinceWritten = false;
    if (failAfter > 0) {
      failAfter--;
      throw new StoreException("Input/output error while syncing the directory (injected)");
    }
  }

  @Override
  public void close() {
    // the disk outlives the agent
  }
}
