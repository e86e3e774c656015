package org.opensmartagent.testkit.internal.portal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.testkit.AccountInfo;
import org.opensmartagent.testkit.InstanceInfo;
import org.opensmartagent.testkit.ReservationInfo;
import org.opensmartagent.testkit.TagUsage;
import org.opensmartagent.testkit.TokenInfo;
import org.opensmartagent.testkit.internal.EventLog;
import org.opensmartagent.testkit.internal.FaultPlan;
import org.opensmartagent.testkit.internal.LicenseService;

/**
 * What each portal page shows, read from the same {@link LicenseService} and fault plan as the
 * admin API: plain maps and lists of text for the templates. Shows a token's value never after it
 * was created, only its id (its first characters, which revoke it). Thread-safe.
 */
final class PortalViews {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final LicenseService service;
  private final FaultPlan faults;

  PortalViews(LicenseService service, FaultPlan faults) {
    this.service = Objects.requireNonNull(service, "service == null");
    this.faults = Objects.requireNonNull(faults, "faults == null");
  }

  /** The data page {@code page} shows. */
  Map<String, Object> model(String page) {
    Map<String, Object> m = new HashMap<>();
    Map<String, List<String>> accounts = new LinkedHashMap<>();
    for (AccountInfo a : service.accounts()) {
      accounts.put(a.name(), a.virtualAccounts().stream().map(AccountInfo.Virtual::name).toList());
    }
    m.put("accounts", accounts);
    List<String> virtualAccounts =
        accounts.values().stream().flatMap(List::stream).sorted().toList();
    m.put("virtualAccounts", virtualAccounts);
    switch (page) {
      case "licenses" -> m.put("pools", pools(accounts));
      case "tokens" -> m.put("tokens", tokens(virtualAccounts));
      case "instances" -> m.put("instances", instances());
      case "reservations" -> m.put("reservations", reservations());
      case "events" -> m.put("events", events());
      case "faults" -> {
        m.put("pending", faults.pending());
        m.put("latencyMillis", faults.latency().toMillis());
        m.put("clockOffsetSeconds", faults.clockOffset().toSeconds());
      }
      default -> {
        // account: the accounts alone
      }
    }
    return m;
  }

  private List<Map<String, Object>> pools(Map<String, List<String>> accounts) {
    List<Map<String, Object>> pools = new ArrayList<>();
    accounts.forEach(
        (sa, vas) -> {
          for (String va : vas) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TagUsage u : service.usage(va)) {
              Map<String, Object> r = new LinkedHashMap<>();
              r.put("tag", u.tag().value());
              r.put("licensed", u.licensed());
              r.put("inUse", u.inUse());
              r.put("balance", u.licensed() - u.inUse());
              r.put("overage", u.allowOverage());
              r.put("compliant", u.isCompliant());
              r.put("status", status(u));
              rows.add(r);
            }
            pools.add(Map.of("smartAccount", sa, "virtualAccount", va, "rows", rows));
          }
        });
    return pools;
  }

  private static String status(TagUsage u) {
    if (u.isCompliant()) {
      return "In compliance";
    }
    return u.allowOverage() ? "Overage" : "Out of compliance";
  }

  private List<Map<String, Object>> tokens(List<String> virtualAccounts) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Instant now = service.clock().now();
    List<TokenInfo> tokens = new ArrayList<>();
    virtualAccounts.forEach(va -> tokens.addAll(service.tokens(va)));
    tokens.sort(Comparator.comparing(TokenInfo::createdAt));
    for (TokenInfo t : tokens) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", t.id());
      r.put("virtualAccount", t.virtualAccount());
      r.put("description", t.spec().description());
      r.put("uses", t.uses() + " of " + t.spec().maxUses());
      r.put("exportControlled", t.spec().exportControlled());
      r.put("expires", TIME.format(t.expiresAt()));
      r.put(
          "status",
          t.revoked()
              ? "Revoked"
              : now.isAfter(t.expiresAt())
                  ? "Expired"
                  : t.uses() >= t.spec().maxUses() ? "Used up" : "Active");
      rows.add(r);
    }
    return rows;
  }

  private List<Map<String, Object>> instances() {
    Map<String, Map<EntitlementTag, TagUsage>> usage = new HashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (InstanceInfo i : service.instances()) {
      Map<EntitlementTag, TagUsage> pool =
          usage.computeIfAbsent(
              i.virtualAccount(),
              va -> {
                Map<EntitlementTag, TagUsage> byTag = new HashMap<>();
                service.usage(va).forEach(u -> byTag.put(u.tag(), u));
                return byTag;
              });
      List<String> licenses = new ArrayList<>();
      i.usage().entrySet().stream()
          .sorted(Map.Entry.comparingByKey((a, b) -> a.value().compareTo(b.value())))
          .forEach(
              e -> {
                TagUsage u = pool.get(e.getKey());
                licenses.add(
                    e.getKey().value()
                        + " × "
                        + e.getValue()
                        + ": "
                        + (u == null ? "no pool" : status(u)));
              });
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", i.id());
      r.put("udi", i.udi());
      r.put("account", i.smartAccount() + " / " + i.virtualAccount());
      r.put("registered", TIME.format(i.registeredAt()));
      r.put("idCertExpires", TIME.format(i.idCertNotAfter()));
      r.put("licenses", licenses);
      rows.add(r);
    }
    return rows;
  }

  private List<Map<String, Object>> reservations() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ReservationInfo info : service.reservations()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", info.productInstanceId());
      r.put("udi", info.udi());
      r.put("virtualAccount", info.virtualAccount());
      r.put("type", info.type().name());
      List<String> reserved = new ArrayList<>();
      info.reserved().forEach((tag, n) -> reserved.add(tag.value() + " × " + n));
      reserved.sort(null);
      r.put("reserved", reserved);
      r.put("issued", TIME.format(info.issuedAt()));
      r.put("status", info.status().name().replace('_', ' '));
      rows.add(r);
    }
    return rows;
  }

  private List<Map<String, Object>> events() {
    List<EventLog.Event> events = service.events();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      EventLog.Event e = events.get(i);
      rows.add(Map.of("at", TIME.format(e.at()), "kind", e.kind(), "text", e.text()));
    }
    return rows;
  }
}
