package org.opensmartagent.testkit.sim;

import java.util.Optional;
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
  private int failBefore;
  private int failAfter;

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
      throw new StoreException("No space left on device (injected)");
    }
    disk.save(payload);
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
