package org.opensmartagent.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.opensmartagent.core.AgentStatus;

/**
 * The {@code data} of STATUS and SUMMARY in JSON (schema in docs/cli.md). Every field is always
 * present; a missing value is {@code null}; times are ISO-8601 UTC strings; durations are whole
 * seconds.
 */
public final class StatusJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private StatusJson() {}

  public static ObjectNode status(AgentStatus s, TransportView t) {
    ObjectNode o = F.objectNode();
    o.put("enabled", s.enabled());
    o.put("productName", s.productName());
    ArrayNode udis = o.putArray("udis");
    s.udis().forEach(u -> udis.add(u.toString()));
    o.put("agentVersion", s.agentVersion());
    o.set("registration", registration(s.registration()));
    o.set("authorization", authorization(s));
    o.putObject("licenseConversion").put("done", s.licenseConversionDone());
    ObjectNode tr = o.putObject("transport").put("type", t.type()).put("url", t.url());
    tr.put("proxy", t.proxy().orElse(null)).put("serverIdentityCheck", t.identityCheck());
    AgentStatus.Evaluation e = s.evaluation();
    o.putObject("evaluation")
        .put("available", e.available())
        .put("inUse", e.counting())
        .put("remainingSeconds", e.remaining().toSeconds())
        .put("expiresAt", time(e.expiresAt()));
    ArrayNode licenses = o.putArray("licenses");
    s.entitlements().forEach(x -> licenses.add(license(x)));
    o.set("reservation", reservation(s));
    ArrayNode ops = o.putArray("allowedOperations");
    s.allowedOperations().forEach(op -> ops.add(op.name()));
    return o;
  }

  public static ObjectNode summary(AgentStatus s) {
    ObjectNode o = F.objectNode();
    ArrayNode rows = o.putArray("licenses");
    for (AgentStatus.Entitlement e : s.entitlements()) {
      rows.addObject()
          .put("feature", e.displayName())
          .put("tag", e.tag().value())
          .put("status", e.mode().name())
          .put("statusDisplay", e.mode().displayName())
          .put("expires", time(SummaryScreen.expiry(s, e)))
          .put("count", e.count());
    }
    return o;
  }

  private static ObjectNode registration(AgentStatus.Registration r) {
    return F.objectNode()
        .put("status", r.state().name())
        .put("statusDisplay", r.state().displayName())
        .put("smartAccount", r.smartAccount().orElse(null))
        .put("virtualAccount", r.virtualAccount().orElse(null))
        .put("exportControlled", r.exportControlled())
        .put("initialRegistration", time(r.initialRegistration()))
        .put("lastRenewalAttempt", time(r.lastRenewalAttempt()))
        .put("nextRenewalAttempt", time(r.nextRenewalAttempt()))
        .put("registrationExpires", time(r.registrationExpires()))
        .put("lastFailure", r.lastFailure().orElse(null));
  }

  private static ObjectNode authorization(AgentStatus s) {
    AgentStatus.Authorization a = s.authorization();
    return F.objectNode()
        .put("status", a.state().name())
        .put("statusDisplay", a.state().displayName())
        .put("evaluationRemainingSeconds", s.evaluation().remaining().toSeconds())
        .put("lastCommunicationAttempt", time(a.lastCommunicationAttempt()))
        .put("nextCommunicationAttempt", time(a.nextCommunicationAttempt()))
        .put("communicationDeadline", time(a.communicationDeadline()))
        .put("lastFailure", a.lastFailure().orElse(null));
  }

  private static ObjectNode license(AgentStatus.Entitlement e) {
    return F.objectNode()
        .put("tag", e.tag().value())
        .put("name", e.displayName())
        .put("description", e.description())
        .put("count", e.count())
        .put("unit", e.unit().name())
        .put("version", e.version())
        .put("base", e.base())
        .put("status", e.mode().name())
        .put("statusDisplay", e.mode().displayName())
        .put("allowed", e.allowed())
        .put("graceEnds", time(e.graceEnds()))
        .put("reason", e.reason());
  }

  private static ObjectNode reservation(AgentStatus s) {
    AgentStatus.Reservation r = s.reservation();
    return F.objectNode()
        .put("enabled", r.enabled())
        .put("requestCode", r.requestCode().orElse(null))
        .put("lastReturnCode", r.lastReturnCode().orElse(null))
        .put("lastConfirmationCode", r.lastConfirmationCode().orElse(null))
        .put("installedType", r.installedType().orElse(null))
        .put("status", reservationStatus(s));
  }

  /** The reservation's state in words, with when the installed code was issued. */
  private static String reservationStatus(AgentStatus s) {
    String status = ClassicStatusScreen.reservationStatus(s);
    return s.registration().state().isRegistered() && status.startsWith("REGISTERED")
        ? status
            + s.reservation()
                .installedCodeIssued()
                .map(t -> ", authorization code issued " + Times.format(t))
                .orElse("")
        : status;
  }

  static String time(Optional<Instant> t) {
    return t.map(Instant::toString).orElse(null);
  }
}
