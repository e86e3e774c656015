package org.opensmartagent.testkit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.testkit.LicenseGrant;

/**
 * A virtual account: its name, its smart account and its license pool. Mutable; guarded by the
 * {@link LicenseService} lock.
 */
public final class VirtualAccount {
  private final String name;
  private final String smartAccount;
  private final List<LicenseGrant> pool = new ArrayList<>();
  private boolean autoGrant;

  public VirtualAccount(String name, String smartAccount) {
    this.name = name;
    this.smartAccount = smartAccount;
  }

  public String name() {
    return name;
  }

  public String smartAccount() {
    return smartAccount;
  }

  public List<LicenseGrant> pool() {
    return List.copyOf(pool);
  }

  void add(LicenseGrant grant) {
    pool.add(grant);
  }

  /** Removes every grant of {@code tag}; false when there was none. */
  boolean remove(EntitlementTag tag) {
    return pool.removeIf(g -> g.tag().equals(tag));
  }

  /**
   * True when a reported tag this pool has no grant for is authorized anyway (the convenience of
   * granting base licenses automatically); off by default.
   */
  public boolean autoGrant() {
    return autoGrant;
  }

  void autoGrant(boolean on) {
    this.autoGrant = on;
  }

  /** True when the pool has ever held {@code tag}, active or not. */
  public boolean knows(EntitlementTag tag) {
    return pool.stream().anyMatch(g -> g.tag().equals(tag));
  }

  /** The count of {@code tag} licenses active at {@code now}. */
  public long licensed(EntitlementTag tag, Instant now) {
    return pool.stream()
        .filter(g -> g.tag().equals(tag) && g.isActiveAt(now))
        .mapToLong(LicenseGrant::count)
        .sum();
  }

  /** True when an active grant of {@code tag} allows overage. */
  public boolean allowsOverage(EntitlementTag tag, Instant now) {
    return pool.stream()
        .anyMatch(g -> g.tag().equals(tag) && g.isActiveAt(now) && g.allowOverage());
  }
}
