package org.opensmartagent.core.store;

import static java.util.Objects.requireNonNull;

/**
 * Wraps a {@link TrustedStore} and makes chosen calls fail, so tests can check that the agent's
 * state is unchanged when the store misbehaves. A failed save never reaches the delegate. Methods
 * are synchronized; {@link #close} closes the delegate.
 */
public final class FaultInjectingTrustedStore implements TrustedStore {

  private final TrustedStore delegate;
  private int savesToFail;
  private String saveFailure = "";
  private int loadsToFail;
  private String loadFailure = "";
  private boolean corruptNextLoad;
  private int failedSaves;

  public FaultInjectingTrustedStore(TrustedStore delegate) {
    this.delegate = requireNonNull(delegate, "delegate == null");
  }

  /** Makes the next {@code count} saves throw a {@link StoreException} with {@code message}. */
  public synchronized FaultInjectingTrustedStore failNextSaves(int count, String message) {
    this.savesToFail = requireCount(count);
    this.saveFailure = requireNonNull(message, "message == null");
    return this;
  }

  /** Makes every save throw a {@link StoreException} with {@code message} until {@link #heal}. */
  public synchronized FaultInjectingTrustedStore failAllSaves(String message) {
    return failNextSaves(Integer.MAX_VALUE, message);
  }

  /** Makes the next {@code count} loads throw a {@link StoreException} with {@code message}. */
  public synchronized FaultInjectingTrustedStore failNextLoads(int count, String message) {
    this.loadsToFail = requireCount(count);
    this.loadFailure = requireNonNull(message, "message == null");
    return this;
  }

  /** Makes the next load return {@link StoreLoad.Status#CORRUPT} without reading the delegate. */
  public synchronized FaultInjectingTrustedStore corruptNextLoad() {
    this.corruptNextLoad = true;
    return this;
  }

  /** Cancels every pending fault. */
  public synchronized FaultInjectingTrustedStore heal() {
    savesToFail = 0;
    loadsToFail = 0;
    corruptNextLoad = false;
    return this;
  }

  /** The number of saves this wrapper made fail. */
  public synchronized int failedSaves() {
    return failedSaves;
  }

  @Override
  public synchronized StoreLoad load() throws StoreException {
    if (loadsToFail > 0) {
      loadsToFail--;
      throw new StoreException(loadFailure);
    }
    if (corruptNextLoad) {
      corruptNextLoad = false;
      return StoreLoad.corrupt("corruption injected by FaultInjectingTrustedStore");
    }
    return delegate.load();
  }

  @Override
  public synchronized void save(byte[] payload) throws StoreException {
    requireNonNull(payload, "payload == null");
    if (savesToFail > 0) {
      if (savesToFail != Integer.MAX_VALUE) {
        savesToFail--;
      }
      failedSaves++;
      throw new StoreException(saveFailure);
    }
    delegate.save(payload);
  }

  @Override
  public synchronized void close() {
    delegate.close();
  }

  private static int requireCount(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count < 0: " + count);
    }
    return count;
  }
}
