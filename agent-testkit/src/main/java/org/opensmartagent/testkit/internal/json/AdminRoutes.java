package org.opensmartagent.testkit.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import mockwebserver3.RecordedRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.testkit.InstanceInfo;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.ReservationRefusedException;
import org.opensmartagent.testkit.TagUsage;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.testkit.internal.EventLog;
import org.opensmartagent.testkit.internal.FaultPlan;
import org.opensmartagent.testkit.internal.HttpAnswer;
import org.opensmartagent.testkit.internal.LicenseService;
import org.opensmartagent.testkit.internal.StorageFailure;

/**
 * The admin HTTP/JSON API under {@code /admin/}. A request without the bearer admin token is 401; a
 * request other than GET and DELETE whose content type is not {@code application/json} (a form
 * post, {@code text/plain}) is 415, so a web page cannot drive the API; no CORS headers are ever
 * sent. Bad input is 400, an unknown account, token or request code 404, a taken name or a refused
 * reservation operation 409, each with {@code {"error": "..."}} saying what to do. Thread-safe;
 * never logs, and echoes a token only in the answer that creates it.
 */
public final class AdminRoutes implements Function<RecordedRequest, HttpAnswer> {
  static final String ROUTES =
      "GET|POST /admin/accounts, POST /admin/accounts/{sa}/virtual-accounts,"
          + " POST /admin/virtual-accounts/{va}/auto-grant,"
          + " GET|POST /admin/virtual-accounts/{va}/tokens, POST /admin/tokens/{token}/revoke,"
          + " GET|POST /admin/virtual-accounts/{va}/licenses,"
          + " DELETE /admin/virtual-accounts/{va}/licenses/{tag}, GET /admin/instances,"
          + " GET|DELETE /admin/instances/{id or udi},"
          + " GET /admin/virtual-accounts/{va}/usage, GET|POST /admin/faults,"
          + " POST /admin/virtual-accounts/{va}/reservations, POST /admin/reservations/confirm,"
          + " POST /admin/reservations/return, GET /admin/reservations, GET /admin/events";

  private final LicenseService service;
  private final FaultPlan faults;
  private final ReservationRoutes reservations;

  private final byte[] bearer;

  public AdminRoutes(LicenseService service, FaultPlan faults, String adminToken) {
    this.service = Objects.requireNonNull(service, "service == null");
    this.faults = Objects.requireNonNull(faults, "faults == null");
    Objects.requireNonNull(adminToken, "adminToken == null");
    this.bearer = ("Bearer " + adminToken).getBytes(StandardCharsets.US_ASCII);
    this.reservations = new ReservationRoutes(service);
  }

  @Override
  public HttpAnswer apply(RecordedRequest request) {
    if (!authorized(request.getHeaders().get("Authorization"))) {
      return error(
          401,
          "the admin API needs the admin token as 'Authorization: Bearer TOKEN'; mock-cssm writes"
              + " it to mock-cssm-admin-token in its --out-dir");
    }
    if (!"GET".equals(request.getMethod())
        && !"DELETE".equals(request.getMethod())
        && !isJson(request.getHeaders().get("Content-Type"))) {
      return error(
          415,
          "the admin API accepts JSON only; send the body with Content-Type: application/json");
    }
    List<String> path = request.getUrl().pathSegments();
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    try {
      return route(request.getMethod(), path.subList(1, path.size()), body);
    } catch (ReservationRefusedException e) {
      return error(409, e.getMessage());
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    } catch (NoSuchElementException e) {
      return error(404, e.getMessage());
    } catch (IllegalStateException e) {
      return error(409, e.getMessage());
    } catch (StorageFailure e) {
      return error(503, e.getMessage());
    }
  }

  private boolean authorized(String header) {
    return header != null
        && MessageDigest.isEqual(bearer, header.strip().getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip();
    return type.equalsIgnoreCase("application/json");
  }

  private HttpAnswer route(String method, List<String> p, byte[] body) {
    String route = method + " " + shape(p);
    return switch (route) {
      case "POST accounts" -> createAccount(Json.object(body));
      case "GET accounts" -> ok(200, AdminJson.accounts(service.accounts()));
      case "POST accounts/*/virtual-accounts" -> createVirtualAccount(p.get(1), Json.object(body));
      case "POST virtual-accounts/*/auto-grant" -> autoGrant(p.get(1), Json.object(body));
      case "POST virtual-accounts/*/tokens" -> createToken(p.get(1), Json.object(body));
      case "GET virtual-accounts/*/tokens" -> ok(200, AdminJson.tokens(service.tokens(p.get(1))));
      case "POST tokens/*/revoke" -> revoke(p.get(1));
      case "POST virtual-accounts/*/licenses" -> addLicenses(p.get(1), Json.object(body));
      case "GET virtual-accounts/*/licenses" -> ok(200, licenses(p.get(1)));
      case "DELETE virtual-accounts/*/licenses/*" -> removeLicenses(p.get(1), p.get(3));
      case "GET instances" -> ok(200, instances(service.instances()));
      case "GET instances/*" -> ok(200, instance(service.instance(p.get(1))));
      case "DELETE instances/*" -> removeInstance(p.get(1));
      case "GET faults" -> ok(200, faultsNow());
      case "GET virtual-accounts/*/usage" -> ok(200, usage(service.usage(p.get(1))));
      case "POST faults" -> faults(Json.object(body));
      case "POST virtual-accounts/*/reservations" ->
          ok(201, reservations.reserve(p.get(1), Json.object(body)));
      case "POST reservations/confirm" -> ok(200, reservations.confirm(Json.object(body)));
      case "POST reservations/return" -> ok(200, reservations.returnReservation(Json.object(body)));
      case "GET reservations" -> ok(200, reservations.list());
      case "GET events" -> ok(200, events(service.events()));
      default ->
          error(
              404,
              "no admin route "
                  + method
                  + " /admin/"
                  + String.join("/", p)
                  + "; routes are "
                  + ROUTES);
    };
  }

  /**
   * The route with its variable segments replaced by {@code *}: the 2nd and 4th of 3 or more, and
   * the 2nd of {@code instances/{id}}.
   */
  private static String shape(List<String> p) {
    if (p.size() == 2 && p.get(0).equals("instances")) {
      return "instances/*";
    }
    if (p.size() < 3) {
      return String.join("/", p);
    }
    StringBuilder sb = new StringBuilder(p.get(0));
    for (int i = 1; i < p.size(); i++) {
      sb.append('/').append(i % 2 == 1 ? "*" : p.get(i));
    }
    return sb.toString();
  }

  private HttpAnswer autoGrant(String va, ObjectNode o) {
    boolean on = Json.bool(o, "enabled", true);
    service.autoGrant(va, on);
    return ok(200, Json.MAPPER.createObjectNode().put("virtualAccount", va).put("autoGrant", on));
  }

  private JsonNode licenses(String va) {
    return service.accounts().stream()
        .flatMap(a -> a.virtualAccounts().stream())
        .filter(v -> v.name().equals(va))
        .findFirst()
        .map(v -> AdminJson.grants(v.licenses()))
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no virtual account '" + va + "'; mock-cssm accounts list shows them"));
  }

  private HttpAnswer removeLicenses(String va, String tag) {
    service.removeLicenses(va, EntitlementTag.parse(tag));
    return ok(200, Json.MAPPER.createObjectNode().put("removed", tag));
  }

  private HttpAnswer removeInstance(String id) {
    service.removeInstance(id);
    return ok(200, Json.MAPPER.createObjectNode().put("removed", id));
  }

  private JsonNode faultsNow() {
    return Json.MAPPER
        .createObjectNode()
        .put("pending", faults.pending())
        .put("latencyMillis", faults.latency().toMillis())
        .put("clockOffsetSeconds", faults.clockOffset().toSeconds());
  }

  private HttpAnswer createAccount(ObjectNode o) {
    String name = Json.text(o, "name");
    service.createSmartAccount(name);
    return ok(201, Json.MAPPER.createObjectNode().put("name", name));
  }

  private HttpAnswer createVirtualAccount(String sa, ObjectNode o) {
    String name = Json.text(o, "name");
    boolean autoGrant = Json.bool(o, "autoGrant", false);
    service.createVirtualAccount(sa, name);
    if (autoGrant) {
      service.autoGrant(name, true);
    }
    return ok(
        201,
        Json.MAPPER
            .createObjectNode()
            .put("name", name)
            .put("smartAccount", sa)
            .put("autoGrant", autoGrant));
  }

  private HttpAnswer createToken(String va, ObjectNode o) {
    TokenSpec spec =
        new TokenSpec(
            Json.optionalText(o, "description").orElse(""),
            Json.intValue(o, "validityDays"),
            Json.intValue(o, "maxUses"),
            Json.bool(o, "exportControlled", false));
    String token = service.createToken(va, spec);
    return ok(201, Json.MAPPER.createObjectNode().put("token", token));
  }

  private HttpAnswer revoke(String token) {
    service.revokeToken(token);
    return ok(200, Json.MAPPER.createObjectNode().put("revoked", true));
  }

  private HttpAnswer addLicenses(String va, ObjectNode o) {
    EntitlementTag tag = EntitlementTag.parse(Json.text(o, "tag"));
    var start = Json.optionalInstant(o, "start");
    var end = Json.optionalInstant(o, "end");
    LicenseTerm term = new LicenseTerm(start, end);
    LicenseGrant grant =
        new LicenseGrant(tag, Json.number(o, "count"), term, Json.bool(o, "allowOverage", false));
    service.addLicenses(va, grant);
    return ok(
        201, Json.MAPPER.createObjectNode().put("tag", tag.value()).put("term", term.toString()));
  }

  private HttpAnswer faults(ObjectNode o) {
    FaultRequests.apply(o, faults);
    return ok(200, Json.MAPPER.createObjectNode().put("pending", faults.pending()));
  }

  private static ArrayNode instances(List<InstanceInfo> instances) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (InstanceInfo i : instances) {
      array.add(instance(i));
    }
    return array;
  }

  private static ArrayNode events(List<EventLog.Event> events) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (EventLog.Event e : events) {
      array.addObject().put("at", e.at().toString()).put("kind", e.kind()).put("text", e.text());
    }
    return array;
  }

  private static ObjectNode instance(InstanceInfo i) {
    ObjectNode n =
        Json.MAPPER
            .createObjectNode()
            .put("id", i.id())
            .put("udi", i.udi())
            .put("smartAccount", i.smartAccount())
            .put("virtualAccount", i.virtualAccount())
            .put("registeredAt", i.registeredAt().toString())
            .put("idCertNotAfter", i.idCertNotAfter().toString());
    ObjectNode usage = n.putObject("usage");
    i.usage().forEach((tag, count) -> usage.put(tag.value(), count));
    return n;
  }

  private static ArrayNode usage(List<TagUsage> usage) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (TagUsage u : usage) {
      array
          .addObject()
          .put("tag", u.tag().value())
          .put("inUse", u.inUse())
          .put("licensed", u.licensed())
          .put("allowOverage", u.allowOverage())
          .put("compliant", u.isCompliant());
    }
    return array;
  }

  private static HttpAnswer ok(int status, JsonNode node) {
    return new HttpAnswer(status, "application/json", Json.write(node));
  }

  private static HttpAnswer error(int status, String message) {
    return ok(status, Json.MAPPER.createObjectNode().put("error", message));
  }
}
