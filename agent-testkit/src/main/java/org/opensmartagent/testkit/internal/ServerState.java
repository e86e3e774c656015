package org.opensmartagent.testkit.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.opensmartagent.core.EntitlementTag;

/**
 * Everything the license server knows: smart accounts, virtual accounts, tokens, product instances,
 * offline reservations and the classic licenses already converted per UDI. Not thread-safe: every
 * access happens under the {@link LicenseService} lock.
 */
public final class ServerState {
  private final Map<String, Set<String>> smartAccounts = new LinkedHashMap<>();
  private final Map<String, VirtualAccount> virtualAccounts = new LinkedHashMap<>();
  private final Map<String, Token> tokens = new LinkedHashMap<>();
  private final Map<String, ProductInstance> instances = new LinkedHashMap<>();
  private final Map<String, String> instanceByUdi = new LinkedHashMap<>();
  private final Map<String, Set<EntitlementTag>> conversions = new LinkedHashMap<>();
  private final Map<String, Reservation> reservations = new LinkedHashMap<>();

  /** Running totals of reported usage per virtual account and tag, so a verdict is O(1). */
  private final Map<String, Map<EntitlementTag, Long>> usageByAccount = new HashMap<>();

  /** Running count of instances per virtual account, so the instance limit check is cheap. */
  private final Map<String, Long> instancesByAccount = new HashMap<>();

  public Set<String> smartAccounts() {
    return Set.copyOf(smartAccounts.keySet());
  }

  public boolean hasSmartAccount(String name) {
    return smartAccounts.containsKey(name);
  }

  public void addSmartAccount(String name) {
    smartAccounts.put(name, new LinkedHashSet<>());
  }

  public List<VirtualAccount> virtualAccounts() {
    return List.copyOf(virtualAccounts.values());
  }

  public Optional<VirtualAccount> findVirtualAccount(String name) {
    return Optional.ofNullable(virtualAccounts.get(name));
  }

  public VirtualAccount virtualAccount(String name) {
    return findVirtualAccount(name)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no virtual account '"
                        + name
                        + "'; create it with POST /admin/accounts/{sa}/virtual-accounts"));
  }

  public void addVirtualAccount(VirtualAccount va) {
    smartAccounts.get(va.smartAccount()).add(va.name());
    virtualAccounts.put(va.name(), va);
  }

  public List<Token> tokens() {
    return List.copyOf(tokens.values());
  }

  public Optional<Token> findToken(String value) {
    return Optional.ofNullable(tokens.get(value));
  }

  public void addToken(Token token) {
    tokens.put(token.value(), token);
  }

  public List<ProductInstance> instances() {
    return List.copyOf(instances.values());
  }

  public Optional<ProductInstance> findInstance(String id) {
    return Optional.ofNullable(instances.get(id));
  }

  public Optional<ProductInstance> instanceOfUdi(String udi) {
    return Optional.ofNullable(instanceByUdi.get(udi)).map(instances::get);
  }

  public void addInstance(ProductInstance instance) {
    instances.put(instance.id(), instance);
    instanceByUdi.put(instance.udi(), instance.id());
    instancesByAccount.merge(instance.virtualAccount(), 1L, Long::sum);
    count(instance, +1);
  }

  public void removeInstance(ProductInstance instance) {
    if (instances.remove(instance.id()) != null) {
      instancesByAccount.merge(instance.virtualAccount(), -1L, Long::sum);
      count(instance, -1);
    }
    instanceByUdi.remove(instance.udi(), instance.id());
  }

  /** Replaces what {@code instance} last reported, keeping the running totals right. */
  public void report(ProductInstance instance, Map<EntitlementTag, Long> counts) {
    boolean known = instances.get(instance.id()) == instance;
    if (known) {
      count(instance, -1);
    }
    instance.report(counts);
    if (known) {
      count(instance, +1);
    }
  }

  private void count(ProductInstance instance, int sign) {
    Map<EntitlementTag, Long> totals =
        usageByAccount.computeIfAbsent(instance.virtualAccount(), va -> new HashMap<>());
    instance.usage().forEach((tag, n) -> totals.merge(tag, sign * n, Long::sum));
  }

  /** Product instances in every virtual account of {@code smartAccount}. */
  public long instanceCount(String smartAccount) {
    long n = 0;
    for (String va : smartAccounts.getOrDefault(smartAccount, Set.of())) {
      n += instancesByAccount.getOrDefault(va, 0L);
    }
    return n;
  }

  public List<ProductInstance> instancesIn(String virtualAccount) {
    return instances.values().stream()
        .filter(i -> i.virtualAccount().equals(virtualAccount))
        .toList();
  }

  /** Every reservation, returned ones included, in the order they were first made. */
  public List<Reservation> reservations() {
    return List.copyOf(reservations.values());
  }

  public Optional<Reservation> findReservation(String productInstanceId) {
    return Optional.ofNullable(reservations.get(productInstanceId));
  }

  public void addReservation(Reservation reservation) {
    reservations.put(reservation.productInstanceId(), reservation);
  }

  /**
   * The count of {@code tag} taken from {@code virtualAccount}'s pool: the usage its registered
   * instances last reported plus what its reservations hold.
   */
  public long inUse(String virtualAccount, EntitlementTag tag) {
    long used = usageByAccount.getOrDefault(virtualAccount, Map.of()).getOrDefault(tag, 0L);
    return used
        + reservations.values().stream()
            .filter(r -> r.virtualAccount().equals(virtualAccount))
            .mapToLong(r -> r.reserved(tag))
            .sum();
  }

  /** Classic licenses already converted for each primary UDI. */
  public Map<String, Set<EntitlementTag>> conversions() {
    Map<String, Set<EntitlementTag>> copy = new LinkedHashMap<>();
    conversions.forEach((udi, tags) -> copy.put(udi, Set.copyOf(tags)));
    return copy;
  }

  /** Records the conversion; false when {@code udi} already converted {@code tag}. */
  public boolean convert(String udi, EntitlementTag tag) {
    return conversions.computeIfAbsent(udi, u -> new TreeSet<>()).add(tag);
  }
}
