package org.opensmartagent.core.store;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link TrustedStore#load} found: a status, the payload of the chosen generation (empty when
 * there is none), its generation number (0 when there is none) and a human-readable detail.
 *
 * <p>Instances are immutable: the payload is copied on the way in and on the way out. {@link
 * #toString} never shows payload bytes.
 */
public record StoreLoad(Status status, byte[] payload, long generation, String detail) {

  private static final byte[] NO_PAYLOAD = new byte[0];

  /** How trustworthy the loaded payload is. */
  public enum Status {
    /** The store was never written: this is a first boot. The payload is empty. */
    EMPTY,
    /** The newest generation is intact. */
    CURRENT,
    /**
     * The newest generation was torn, corrupt or missing, so the previous one was loaded; the
     * detail says why. The state may be one save behind.
     */
    RECOVERED_FROM_PREVIOUS,
    /**
     * The payload is older than the newest generation this device committed, according to its
     * {@link RollbackGuard}: an older copy of the store was put back, or the newest generation was
     * destroyed. The payload is loaded, but must grant nothing it did not grant before: the
     * evaluation period counts as spent and no reservation is reinstated. The detail says what was
     * found.
     */
    RESTORED,
    /**
     * No valid generation exists, or the store files vanished after the store had been initialised.
     * The payload is empty; the detail says what is wrong and what to do. This is never a first
     * boot and must not be treated as one.
     */
    CORRUPT
  }

  public StoreLoad {
    requireNonNull(status, "status == null");
    requireNonNull(payload, "payload == null");
    requireNonNull(detail, "detail == null");
    boolean hasData =
        status == Status.CURRENT
            || status == Status.RECOVERED_FROM_PREVIOUS
            || status == Status.RESTORED;
    if (hasData && generation < 1) {
      throw new IllegalArgumentException("generation < 1 for " + status + ": " + generation);
    }
    if (!hasData && (payload.length != 0 || generation != 0)) {
      throw new IllegalArgumentException(status + " requires an empty payload and generation 0");
    }
    payload = payload.clone();
  }

  /** A store that was never written. */
  public static StoreLoad empty() {
    return new StoreLoad(Status.EMPTY, NO_PAYLOAD, 0, "the store has never been written");
  }

  /** An intact newest generation. */
  public static StoreLoad current(byte[] payload, long generation) {
    return new StoreLoad(Status.CURRENT, payload, generation, "generation " + generation);
  }

  /** The previous generation, loaded because the newest one was unusable for {@code detail}. */
  public static StoreLoad recovered(byte[] payload, long generation, String detail) {
    return new StoreLoad(Status.RECOVERED_FROM_PREVIOUS, payload, generation, detail);
  }

  /**
   * A generation older than the device's rollback counter allows, loaded for what it says but not
   * to be trusted for anything granted; {@code detail} says what was found.
   */
  public static StoreLoad restored(byte[] payload, long generation, String detail) {
    return new StoreLoad(Status.RESTORED, payload, generation, detail);
  }

  /** No usable generation; {@code detail} says what is wrong and what to do. */
  public static StoreLoad corrupt(String detail) {
    return new StoreLoad(Status.CORRUPT, NO_PAYLOAD, 0, detail);
  }

  /** Returns a copy of the payload. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** Returns true if a payload was loaded: the status is CURRENT, RECOVERED or RESTORED. */
  public boolean hasPayload() {
    return status == Status.CURRENT
        || status == Status.RECOVERED_FROM_PREVIOUS
        || status == Status.RESTORED;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoreLoad that
        && status == that.status
        && generation == that.generation
        && Arrays.equals(payload, that.payload)
        && detail.equals(that.detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, generation, Arrays.hashCode(payload), detail);
  }

  @Override
  public String toString() {
    return "StoreLoad[status=%s, generation=%d, payload=%d bytes, detail=%s]"
        .formatted(status, generation, payload.length, detail);
  }
}
