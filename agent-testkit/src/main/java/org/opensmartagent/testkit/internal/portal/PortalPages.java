package org.opensmartagent.testkit.internal.portal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.ReservationLine;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.testkit.internal.FaultPlan;
import org.opensmartagent.testkit.internal.LicenseService;
import org.opensmartagent.testkit.internal.json.FaultRequests;

/**
 * What each portal page's forms do, through the same {@link LicenseService} and fault plan as the
 * admin API (faults go through the admin API's own {@link FaultRequests}). Failures are the
 * service's: {@link IllegalArgumentException}, {@link java.util.NoSuchElementException}, {@link
 * IllegalStateException}. Thread-safe.
 */
final class PortalPages {
  static final Set<String> PAGES =
      Set.of("account", "licenses", "tokens", "instances", "reservations", "events", "faults");

  /** What a successful form post says, and any values to show once (a new token, a code). */
  record Outcome(String notice, Map<String, Object> shown) {}

  private final LicenseService service;
  private final FaultPlan faults;

  PortalPages(LicenseService service, FaultPlan faults) {
    this.service = Objects.requireNonNull(service, "service == null");
    this.faults = Objects.requireNonNull(faults, "faults == null");
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
        service.revokeToken(f.required("token", "The token or its id", 512));
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
        "Token created in "
            + va
            + ". Copy it now: the list shows only its id (its first"
            + " characters).",
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
}
