package org.opensmartagent.testkit.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.testkit.ReservationInfo;
import org.opensmartagent.testkit.ReservationLine;
import org.opensmartagent.testkit.internal.LicenseService;

/**
 * The admin API's offline reservation routes: reserve, confirm, return and list. Each returns the
 * JSON answer; request codes are checked with {@code RequestCode.parse}; malformed input throws
 * {@link IllegalArgumentException} and a refusal {@link
 * org.opensmartagent.testkit.ReservationRefusedException}, which {@link AdminRoutes} turns into 400
 * and 409. Never echoes a return code or a signature except inside the authorization code it
 * issues. Thread-safe.
 */
final class ReservationRoutes {
  private final LicenseService service;

  ReservationRoutes(LicenseService service) {
    this.service = service;
  }

  /**
   * {@code {requestCode, type, entitlements: [{tag, count}]}} gives {@code {authorizationCode}}.
   */
  JsonNode reserve(String va, ObjectNode o) {
    String code =
        service.reserve(va, Json.text(o, "requestCode"), type(Json.text(o, "type")), lines(o));
    return Json.MAPPER.createObjectNode().put("authorizationCode", code);
  }

  /** {@code {requestCode, confirmationCode}}. */
  JsonNode confirm(ObjectNode o) {
    service.confirmReservation(Json.text(o, "requestCode"), Json.text(o, "confirmationCode"));
    return Json.MAPPER.createObjectNode().put("confirmed", true);
  }

  /** {@code {returnCode}}. */
  JsonNode returnReservation(ObjectNode o) {
    service.returnReservation(Json.text(o, "returnCode"));
    return Json.MAPPER.createObjectNode().put("returned", true);
  }

  JsonNode list() {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (ReservationInfo r : service.reservations()) {
      ObjectNode n =
          array
              .addObject()
              .put("productInstanceId", r.productInstanceId())
              .put("requestCode", r.requestCode())
              .put("udi", r.udi())
              .put("virtualAccount", r.virtualAccount())
              .put("type", r.type().name())
              .put("issuedAt", r.issuedAt().toString())
              .put("status", r.status().name());
      ObjectNode reserved = n.putObject("reserved");
      r.reserved().forEach((tag, count) -> reserved.put(tag.value(), count));
    }
    return array;
  }

  private static ReservationType type(String text) {
    try {
      return ReservationType.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "field 'type' must be \"SPECIFIC\" or \"UNIVERSAL\"; got \"" + text + "\"");
    }
  }

  private static List<ReservationLine> lines(ObjectNode o) {
    JsonNode array = o.path("entitlements");
    if (array.isMissingNode() || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException(
          "field 'entitlements' must be an array of {\"tag\": ..., \"count\": ...}");
    }
    List<ReservationLine> lines = new ArrayList<>();
    for (JsonNode n : array) {
      if (!n.isObject()) {
        throw new IllegalArgumentException(
            "each entry of 'entitlements' must be an object {\"tag\": ..., \"count\": ...}");
      }
      lines.add(
          new ReservationLine(EntitlementTag.parse(Json.text(n, "tag")), Json.number(n, "count")));
    }
    return lines;
  }
}
