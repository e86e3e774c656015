package org.opensmartagent.testkit.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.opensmartagent.testkit.internal.FaultPlan;
import org.opensmartagent.testkit.internal.FaultPlan.Fault;
import org.opensmartagent.testkit.internal.FaultPlan.Kind;

/**
 * Applies a {@code POST /admin/faults} body to the fault plan. Fields, all optional, applied in
 * this order: {@code clear} (true), {@code latencyMillis}, {@code clockOffsetSeconds}, {@code fail}
 * ({@code {status, times, retryAfterSeconds?}}), {@code drop} (times), {@code malformed} (times),
 * {@code tryAgainLater} ({@code {times, retryAfterSeconds?}}). Stateless.
 */
public final class FaultRequests {
  private static final Set<String> FIELDS =
      Set.of(
          "clear",
          "latencyMillis",
          "clockOffsetSeconds",
          "fail",
          "drop",
          "malformed",
          "tryAgainLater");

  private FaultRequests() {}

  public static void apply(ObjectNode o, FaultPlan plan) {
    for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown fault '" + name + "'; use one or more of " + FIELDS);
      }
    }
    if (Json.bool(o, "clear", false)) {
      plan.clear();
    }
    Json.optionalNumber(o, "latencyMillis").ifPresent(ms -> plan.latency(Duration.ofMillis(ms)));
    Json.optionalNumber(o, "clockOffsetSeconds")
        .ifPresent(s -> plan.clockOffset(Duration.ofSeconds(s)));
    object(o, "fail")
        .ifPresent(
            f -> {
              int status = Json.intValue(f, "status");
              if (status < 400 || status > 599) {
                throw new IllegalArgumentException(
                    "fail.status must be an HTTP error status 400..599, e.g. 503; got " + status);
              }
              plan.add(new Fault(Kind.STATUS, status, retryAfter(f)), Json.intValue(f, "times"));
            });
    times(o, "drop").ifPresent(n -> plan.add(new Fault(Kind.DROP, 0, Optional.empty()), n));
    times(o, "malformed")
        .ifPresent(n -> plan.add(new Fault(Kind.MALFORMED, 200, Optional.empty()), n));
    object(o, "tryAgainLater")
        .ifPresent(
            t ->
                plan.add(
                    new Fault(Kind.TRY_AGAIN_LATER, 200, retryAfter(t)),
                    Json.intValue(t, "times")));
  }

  private static Optional<Integer> times(ObjectNode o, String field) {
    return Json.optionalNumber(o, field).map(n -> Json.intValue(o, field));
  }

  private static Optional<JsonNode> object(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException("field '" + field + "' must be an object");
    }
    return Optional.of(n);
  }

  private static Optional<Duration> retryAfter(JsonNode o) {
    return Json.optionalNumber(o, "retryAfterSeconds")
        .map(
            s -> {
              if (s < 0) {
                throw new IllegalArgumentException(
                    "retryAfterSeconds must not be negative; got " + s);
              }
              return Duration.ofSeconds(s);
            });
  }
}
