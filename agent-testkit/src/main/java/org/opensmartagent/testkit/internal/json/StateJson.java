package org.opensmartagent.testkit.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.testkit.internal.ProductInstance;
import org.opensmartagent.testkit.internal.Reservation;
import org.opensmartagent.testkit.internal.ServerState;
import org.opensmartagent.testkit.internal.Token;
import org.opensmartagent.testkit.internal.VirtualAccount;

/**
 * Converts a {@link ServerState} to and from JSON: accounts with their license pools, tokens (in
 * clear: this is a test tool's file), product instances, reservations (with the authorization codes
 * issued, as issued) and converted classic licenses. Stateless; the caller holds the server lock
 * while writing.
 */
public final class StateJson {
  private StateJson() {}

  public static ObjectNode write(ServerState state) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode accounts = root.putArray("smartAccounts");
    state.smartAccounts().stream().sorted().forEach(accounts::add);
    ArrayNode vas = root.putArray("virtualAccounts");
    for (VirtualAccount va : state.virtualAccounts()) {
      ObjectNode n =
          vas.addObject()
              .put("name", va.name())
              .put("smartAccount", va.smartAccount())
              .put("autoGrant", va.autoGrant());
      ArrayNode pool = n.putArray("licenses");
      va.pool().forEach(g -> writeGrant(pool.addObject(), g));
    }
    ArrayNode tokens = root.putArray("tokens");
    state.tokens().forEach(t -> writeToken(tokens.addObject(), t));
    ArrayNode instances = root.putArray("instances");
    state.instances().forEach(i -> writeInstance(instances.addObject(), i));
    ArrayNode reservations = root.putArray("reservations");
    state.reservations().forEach(r -> writeReservation(reservations.addObject(), r));
    ObjectNode conversions = root.putObject("conversions");
    state
        .conversions()
        .forEach(
            (udi, tags) -> {
              ArrayNode a = conversions.putArray(udi);
              tags.forEach(t -> a.add(t.value()));
            });
    return root;
  }

  public static ServerState read(JsonNode root) {
    return readInto(root, new ServerState());
  }

  /** Fills {@code state}, which must be empty ({@link ServerState#clear}), from {@code root}. */
  public static ServerState readInto(JsonNode root, ServerState state) {
    root.path("smartAccounts").forEach(n -> state.addSmartAccount(n.textValue()));
    for (JsonNode n : root.path("virtualAccounts")) {
      VirtualAccount va = new VirtualAccount(Json.text(n, "name"), Json.text(n, "smartAccount"));
      state.addVirtualAccount(va);
      n.path("licenses").forEach(g -> state.addGrant(va, readGrant(g)));
      state.autoGrant(va, Json.bool(n, "autoGrant", false));
    }
    root.path("tokens").forEach(n -> state.addToken(readToken(n)));
    root.path("instances").forEach(n -> state.addInstance(readInstance(n)));
    root.path("reservations").forEach(n -> state.addReservation(readReservation(n)));
    root.path("conversions")
        .fields()
        .forEachRemaining(
            e -> e.getValue().forEach(t -> state.convert(e.getKey(), tag(t.textValue()))));
    return state;
  }

  private static void writeGrant(ObjectNode n, LicenseGrant g) {
    n.put("tag", g.tag().value()).put("count", g.count()).put("allowOverage", g.allowOverage());
    g.term().start().ifPresent(s -> n.put("start", s.toString()));
    g.term().end().ifPresent(e -> n.put("end", e.toString()));
  }

  private static LicenseGrant readGrant(JsonNode n) {
    return new LicenseGrant(
        tag(Json.text(n, "tag")),
        Json.number(n, "count"),
        new LicenseTerm(Json.optionalInstant(n, "start"), Json.optionalInstant(n, "end")),
        Json.bool(n, "allowOverage", false));
  }

  private static void writeToken(ObjectNode n, Token t) {
    n.put("value", t.value())
        .put("virtualAccount", t.virtualAccount())
        .put("description", t.spec().description())
        .put("validityDays", t.spec().validityDays())
        .put("maxUses", t.spec().maxUses())
        .put("exportControlled", t.spec().exportControlled())
        .put("createdAt", t.createdAt().toString())
        .put("uses", t.uses())
        .put("revoked", t.revoked());
  }

  private static Token readToken(JsonNode n) {
    TokenSpec spec =
        new TokenSpec(
            Json.text(n, "description"),
            Json.intValue(n, "validityDays"),
            Json.intValue(n, "maxUses"),
            Json.bool(n, "exportControlled", false));
    return new Token(
        Json.text(n, "value"),
        Json.text(n, "virtualAccount"),
        spec,
        Json.instant(n, "createdAt"),
        Json.intValue(n, "uses"),
        Json.bool(n, "revoked", false));
  }

  private static void writeInstance(ObjectNode n, ProductInstance i) {
    n.put("id", i.id())
        .put("udi", i.udi())
        .put("virtualAccount", i.virtualAccount())
        .put("publicKey", Base64.getEncoder().encodeToString(i.publicKey()))
        .put("registeredAt", i.registeredAt().toString())
        .put("idCertNotAfter", i.idCertNotAfter().toString());
    ObjectNode usage = n.putObject("usage");
    i.usage().forEach((tag, count) -> usage.put(tag.value(), count));
  }

  private static ProductInstance readInstance(JsonNode n) {
    Instant registeredAt = Json.instant(n, "registeredAt");
    ProductInstance i =
        new ProductInstance(
            Json.text(n, "id"),
            Json.text(n, "udi"),
            Json.text(n, "virtualAccount"),
            base64(Json.text(n, "publicKey"), "publicKey"),
            registeredAt,
            Json.instant(n, "idCertNotAfter"));
    Map<EntitlementTag, Long> usage = new LinkedHashMap<>();
    n.path("usage")
        .fields()
        .forEachRemaining(e -> usage.put(tag(e.getKey()), e.getValue().asLong()));
    i.report(usage);
    return i;
  }

  private static void writeReservation(ObjectNode n, Reservation r) {
    n.put("requestCode", r.request().text())
        .put("virtualAccount", r.virtualAccount())
        .put("authorizationCode", r.latest().text())
        .put("returned", r.isReturned());
    ArrayNode earlier = n.putArray("awaitingConfirmationSince");
    r.earlier().forEach(c -> earlier.add(c.text()));
  }

  private static Reservation readReservation(JsonNode n) {
    List<AuthorizationCode> earlier = new ArrayList<>();
    n.path("awaitingConfirmationSince")
        .forEach(c -> earlier.add(AuthorizationCode.parse(c.asText())));
    return new Reservation(
        RequestCode.parse(Json.text(n, "requestCode")),
        Json.text(n, "virtualAccount"),
        AuthorizationCode.parse(Json.text(n, "authorizationCode")),
        earlier,
        Json.bool(n, "returned", false));
  }

  static byte[] base64(String text, String field) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "' is not valid base64", e);
    }
  }

  private static EntitlementTag tag(String text) {
    return EntitlementTag.parse(text);
  }
}
