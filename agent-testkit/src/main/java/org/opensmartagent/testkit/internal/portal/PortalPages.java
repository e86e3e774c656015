package org.opensmartagent.testkit.internal.portal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.testkit.InstanceInfo;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.ReservationInfo;
import org.opensmartagent.testkit.ReservationLine;
import org.opensmartagent.testkit.TagUsage;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.testkit.internal.EventLog;
import org.opensmartagent.testkit.internal.FaultPlan;
import org.opensmartagent.testkit.internal.LicenseService;
import org.opensmartagent.testkit.internal.TokenInfo;
import org.opensmartagent.testkit.internal.json.FaultRequests;

/**
 * What each portal page shows and what its forms do, through the same {@link LicenseService} and
 * fault plan as the admin API (faults go through the admin API's own {@link FaultRequests}).
 * Failures are the service's: {@link IllegalArgumentException}, {@link
 * java.util.NoSuchElementException}, {@link IllegalStateException}. Thread-safe.
 */
final class PortalPages {
  static final Set<String> PAGES =
      Set.of("account", "licenses", "tokens", "instances", "reservations", "events", "faults");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** What a successful form post says, and any values to show once (a new token, a code). */
  record Outcome(String notice, Map<String, Object> shown) {}

  private final LicenseService service;
  private final FaultPlan faults;

  PortalPages(LicenseService service, FaultPlan faults) {
    this.service = Objects.requireNonNull(service, "service == null");
    this.faults = Objects.requireNonNull(faults, "faults == null");
  }

  /** The data page {@code page} shows. */
  Map<String, Object> model(String page) {
    Map<String, Object> m = new HashMap<>();
    Map<String, List<String>> accounts = service.accounts();
    m.put("accounts", accounts);
    m.put("virtualAccounts", accounts.values().stream().flatMap(List::stream).sorted().toList());
    switch (page) {
      case "licenses" -> m.put("pools", pools(accounts));
      case "tokens" -> m.put("tokens", tokens());
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

  /** Performs the form's {@code action} on page {@code page}. */
  Outcome post(String page, Form f) {
    String action = page + "/" + f.required("action", "The action", 32);
    return switch (action) {
      case "account/createSmartAccount" -> {
        String name = f.required("name", "The smart account name", 64);
        service.createSmartAccount(name);
        yield done("Smart account " + name + " created.");
      }
      case "account/createVirtualAccount" -> {
        String sa = f.required("smartAccount", "The smart account", 64);
        String name = f.required("name", "The virtual account name", 64);
        service.createVirtualAccount(sa, name);
        yield done("Virtual account " + name + " created in " + sa + ".");
      }
      case "licenses/add" -> addLicenses(f);
      case "tokens/create" -> createToken(f);
      case "tokens/revoke" -> {
        Optional<String> id = f.optional("tokenId", "The token id", 64);
        service.revokeToken(
            id.isPresent() ? tokenById(id.get()) : f.required("token", "The token", 512));
        yield done("Token revoked: registrations with it are now refused.");
      }
      case "instances/remove" -> {
        String id = f.required("id", "The product instance id", 128);
        service.removeInstance(id);
        yield done("Product instance " + id + " removed.");
      }
      case "reservations/reserve" -> reserve(f);
      case "reservations/confirm" -> {
        service.confirmReservation(
            f.required("requestCode", "The request code or product instance id", 4096),
            f.required("confirmationCode", "The confirmation code", 512));
        yield done("Confirmation code accepted.");
      }
      case "reservations/return" -> {
        service.returnReservation(f.required("returnCode", "The return code", 4096));
        yield done("Return code accepted: the licenses are back in the pool.");
      }
      case "faults/inject" -> injectFault(f);
      case "faults/clear" -> {
        faults.clear();
        yield done("Every fault, the latency and the clock offset cleared.");
      }
      default -> throw new IllegalArgumentException("the page has no action '" + action + "'");
    };
  }

  private Outcome addLicenses(Form f) {
    String va = f.required("virtualAccount", "The virtual account", 64);
    EntitlementTag tag = EntitlementTag.parse(f.required("tag", "The entitlement tag", 256));
    int count = f.number("count", "The count", 1, 1_000_000);
    LicenseTerm term =
        f.optional("end", "The end date", 10)
            .map(d -> LicenseTerm.term(service.clock().now(), endOfDay(d)))
            .orElse(LicenseTerm.perpetual());
    service.addLicenses(va, new LicenseGrant(tag, count, term, f.checked("allowOverage")));
    return done(count + " " + tag.value() + " added to " + va + ".");
  }

  private static Instant endOfDay(String date) {
    try {
      return java.time.LocalDate.parse(date).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("The end date must be YYYY-MM-DD; got '" + date + "'");
    }
  }

  /**
   * A token's handle in the pages: a hash of its value, so the page never carries the value itself
   * once it has been shown.
   */
  static String tokenId(String value) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }

  private String tokenById(String id) {
    return service.tokens().stream()
        .map(TokenInfo::value)
        .filter(v -> tokenId(v).equals(id))
        .findFirst()
        .orElseThrow(
            () -> new NoSuchElementException("no such token; reload the page and try again"));
  }

  private Outcome createToken(Form f) {
    String va = f.required("virtualAccount", "The virtual account", 64);
    TokenSpec spec =
        new TokenSpec(
            f.optional("description", "The description", 200).orElse(""),
            f.number("validityDays", "The validity in days", 1, TokenSpec.MAX_VALIDITY_DAYS),
            f.number("maxUses", "The maximum uses", 1, 1_000_000),
            f.checked("exportControlled"));
    String token = service.createToken(va, spec);
    return new Outcome(
        "Token created in " + va + ". Copy it now: the list shows only its first characters.",
        Map.of("newToken", token));
  }

  private Outcome reserve(Form f) {
    String va = f.required("virtualAccount", "The virtual account", 64);
    String requestCode = f.required("requestCode", "The request code", 4096);
    ReservationType type =
        switch (f.required("type", "The reservation type", 16)) {
          case "SPECIFIC" -> ReservationType.SPECIFIC;
          case "UNIVERSAL" -> ReservationType.UNIVERSAL;
          default -> throw new IllegalArgumentException("The type must be SPECIFIC or UNIVERSAL");
        };
    List<ReservationLine> lines = new ArrayList<>();
    for (String line : f.optional("licenses", "The licenses", 4096).orElse("").split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.strip().split("\\s*=\\s*", 2);
      if (parts.length != 2 || !parts[1].matches("[0-9]{1,9}")) {
        throw new IllegalArgumentException(
            "each line of The licenses must be TAG=COUNT, e.g. ESA_Anti_Malware=2; got '"
                + line.strip()
                + "'");
      }
      lines.add(new ReservationLine(EntitlementTag.parse(parts[0]), Long.parseLong(parts[1])));
    }
    String code = service.reserve(va, requestCode, type, lines);
    return new Outcome(
        "Authorization code issued. Install it on the device, then enter its confirmation code"
            + " if this was an update.",
        Map.of("authorizationCode", code));
  }

  private Outcome injectFault(Form f) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    int times = f.number("times", "Times", 1, 1000);
    String kind = f.required("kind", "The fault", 32);
    switch (kind) {
      case "fail" -> {
        ObjectNode fail = o.putObject("fail").put("times", times);
        fail.put("status", f.number("status", "The HTTP status", 400, 599));
        f.optional("retryAfterSeconds", "Retry-After", 9)
            .ifPresent(
                s ->
                    fail.put(
                        "retryAfterSeconds",
                        f.number("retryAfterSeconds", "Retry-After", 0, 86_400)));
      }
      case "drop", "malformed" -> o.put(kind, times);
      case "tryAgainLater" ->
          o.putObject("tryAgainLater")
              .put("times", times)
              .put("retryAfterSeconds", f.number("retryAfterSeconds", "Retry-After", 0, 86_400));
      case "none" -> {
        // latency or clock offset only
      }
      default -> throw new IllegalArgumentException("unknown fault '" + kind + "'");
    }
    f.optional("latencyMillis", "Latency", 9)
        .ifPresent(s -> o.put("latencyMillis", f.number("latencyMillis", "Latency", 0, 60_000)));
    f.optional("clockOffsetSeconds", "Clock offset", 12)
        .ifPresent(
            s ->
                o.put(
                    "clockOffsetSeconds",
                    f.number("clockOffsetSeconds", "Clock offset", -400_000_000, 400_000_000)));
    FaultRequests.apply(o, faults);
    return done("Faults set: " + faults.pending() + " one-shot fault(s) queued.");
  }

  private static Outcome done(String notice) {
    return new Outcome(notice, Map.of());
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

  private List<Map<String, Object>> tokens() {
    List<Map<String, Object>> rows = new ArrayList<>();
    Instant now = service.clock().now();
    for (TokenInfo t : service.tokens()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("prefix", t.prefix());
      r.put("id", tokenId(t.value()));
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
