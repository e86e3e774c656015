package org.opensmartagent.core;

/**
 * The firmware's handle on one feature: {@link #isAllowed()} is the hot-path check — a single
 * volatile read, no locking, no allocation. The agent updates it whenever the entitlement's state
 * changes.
 */
public final class FeatureGate {
  private final EntitlementTag tag;
  private volatile boolean allowed = true;

  FeatureGate(EntitlementTag tag) {
    this.tag = tag;
  }

  public EntitlementTag tag() {
    return tag;
  }

  /** Whether the feature may be used now, under its gating mode. */
  public boolean isAllowed() {
    return allowed;
  }

  void set(boolean value) {
    allowed = value;
  }

  @Override
  public String toString() {
    return tag.name() + (allowed ? " allowed" : " denied");
  }
}
