package org.opensmartagent.testkit.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.testkit.LicenseGrant;

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

  /** Every tag any pool on this server has ever held: the tags the server has heard of. */
  private final Set<EntitlementTag> knownTags = new HashSet<>();

  private Changes changes = new Changes();

  /**
   * What changed since the last {@link #takeChanges()}: the keys of the entities to write, for a
   * storage that writes one transaction per change instead of the whole state.
   */
  public static final class Changes {
    public final Set<String> smartAccounts = new LinkedHashSet<>();
    public final Set<String> virtualAccounts = new LinkedHashSet<>();
    public final Set<String> tokens = new LinkedHashSet<>();
    public final Set<String> instances = new LinkedHashSet<>();
    public final Set<ProductInstance> removedInstances = new LinkedHashSet<>();
    public final Set<String> reservations = new LinkedHashSet<>();
    public final Set<String> conversions = new LinkedHashSet<>();

    public boolean isEmpty() {
      return smartAccounts.isEmpty()
          && virtualAccounts.isEmpty()
          && tokens.isEmpty()
          && instances.isEmpty()
          && removedInstances.isEmpty()
          && reservations.isEmpty()
          && conversions.isEmpty();
    }
  }

  /** Forgets everything, before the whole state is read again from its store. */
  public void clear() {
    smartAccounts.clear();
    virtualAccounts.clear();
    tokens.clear();
    instances.clear();
    instanceByUdi.clear();
    conversions.clear();
    reservations.clear();
    usageByAccount.clear();
    instancesByAccount.clear();
    knownTags.clear();
    changes = new Changes();
  }

  /** Returns what changed since the last call and starts a new record. */
  public Changes takeChanges() {
    Changes taken = changes;
    changes = new Changes();
    return taken;
  }

  void touch(Token token) {
    changes.tokens.add(token.value());
  }

  void touch(ProductInstance instance) {
    changes.instances.add(instance.id());
  }

  void touch(Reservation reservation) {
    changes.reservations.add(reservation.productInstanceId());
  }

  /** Adds {@code grant} to {@code va}'s pool. */
  public void addGrant(VirtualAccount va, LicenseGrant grant) {
    va.add(grant);
    knownTags.add(grant.tag());
    changes.virtualAccounts.add(va.name());
  }

  /** Removes every grant of {@code tag} from {@code va}'s pool; false when there was none. */
  boolean removeGrants(VirtualAccount va, EntitlementTag tag) {
    changes.virtualAccounts.add(va.name());
    return va.remove(tag);
  }

  /** Turns {@code va}'s automatic grant of unpooled tags on or off. */
  public void autoGrant(VirtualAccount va, boolean on) {
    va.autoGrant(on);
    changes.virtualAccounts.add(va.name());
  }

  /** True when some pool on this server has held {@code tag}. */
  public boolean knowsTag(EntitlementTag tag) {
    return knownTags.contains(tag);
  }

  public Set<String> smartAccounts() {
    return Set.copyOf(smartAccounts.keySet());
  }

  public boolean hasSmartAccount(String name) {
    return smartAccounts.containsKey(name);
  }

  /** Adds the smart account; one that exists already keeps its virtual accounts. */
  public void addSmartAccount(String name) {
    smartAccounts.computeIfAbsent(name, n -> new LinkedHashSet<>());
    changes.smartAccounts.add(name);
  }

  /** The virtual accounts of {@code smartAccount}, in creation order. */
  public List<String> virtualAccountsOf(String smartAccount) {
    return List.copyOf(smartAccounts.getOrDefault(smartAccount, Set.of()));
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

  /** Adds {@code va}, or replaces the virtual account of that name. */
  public void addVirtualAccount(VirtualAccount va) {
    smartAccounts.computeIfAbsent(va.smartAccount(), n -> new LinkedHashSet<>()).add(va.name());
    virtualAccounts.put(va.name(), va);
    va.pool().forEach(g -> knownTags.add(g.tag()));
    changes.virtualAccounts.add(va.name());
  }

  public List<Token> tokens() {
    return List.copyOf(tokens.values());
  }

  public Optional<Token> findToken(String value) {
    return Optional.ofNullable(tokens.get(value));
  }

  public void addToken(Token token) {
    tokens.put(token.value(), token);
    touch(token);
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

  /** Adds {@code instance}, or replaces the instance of that id. */
  public void addInstance(ProductInstance instance) {
    ProductInstance old = instances.put(instance.id(), instance);
    if (old != null) {
      instancesByAccount.merge(old.virtualAccount(), -1L, Long::sum);
      count(old, -1);
      instanceByUdi.remove(old.udi(), old.id());
    }
    instanceByUdi.put(instance.udi(), instance.id());
    instancesByAccount.merge(instance.virtualAccount(), 1L, Long::sum);
    count(instance, +1);
    touch(instance);
  }

  public void removeInstance(ProductInstance instance) {
    if (instances.remove(instance.id()) != null) {
      instancesByAccount.merge(instance.virtualAccount(), -1L, Long::sum);
      count(instance, -1);
    }
    instanceByUdi.remove(instance.udi(), instance.id());
    changes.instances.remove(instance.id());
    changes.removedInstances.add(instance);
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
    touch(instance);
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
    touch(reservation);
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
    boolean added = conversions.computeIfAbsent(udi, u -> new TreeSet<>()).add(tag);
    if (added) {
      changes.conversions.add(udi);
    }
    return added;
  }
}
