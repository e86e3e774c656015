package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.AuthorizeResponse;
import org.opensmartagent.core.transport.Verdict;

/** Applies an accepted authorization to the state. */
final class Verdicts {
  private Verdicts() {}

  static void apply(
      AgentState s,
      Instant now,
      AuthorizeRequest request,
      AuthorizeResponse body,
      ProductPolicy p,
      Events ev) {
    if (s.reg.isEmpty()) {
      return; // deregistered while the request was on its way: nothing to apply
    }
    Map<EntitlementTag, Verdict> byTag = new HashMap<>();
    body.verdicts().forEach(v -> byTag.put(v.tag(), v));
    for (EntitlementRequest reported : request.usage()) {
      EntitlementState e = s.entitlements.get(reported.tag());
      if (e == null || !e.requested) {
        continue; // released since the report: its verdict no longer matters
      }
      if (e.count != reported.count()) {
        s.usageDirty = true; // changed while the report was on its way
      }
      Verdict v = byTag.get(reported.tag());
      if (v == null) {
        e.verdict = Optional.of(Verdict.Kind.INVALID_TAG);
        e.reason = "the license server did not answer for this entitlement";
      } else {
        e.verdict = Optional.of(v.kind());
        e.reason = v.reason();
      }
    }
    if (s.entitlements.values().stream().anyMatch(e -> e.requested && e.verdict.isEmpty())) {
      s.usageDirty = true; // requested after this report left: report it next
    }
    s.lastAuthorization = Optional.of(now);
    Instant deadline = now.plus(p.communicationDeadline());
    s.authorizedUntil =
        Optional.of(body.authorizedUntil().isBefore(deadline) ? body.authorizedUntil() : deadline);
    s.lastContact = Optional.of(now);
    s.authRetry = RetryState.NONE;
    s.lastAuthorizationFailure = Optional.empty();
    if (s.usageDirty) {
      s.usageReportDue = Optional.of(now.plus(p.usageReportDelay()));
    }
    ServerOperations.communicationRestored(s, ev);
    ev.add(
        EventCode.AUTH_RENEW_SUCCESS,
        "Authorization renewed; valid until " + s.authorizedUntil.get(),
        "authorizedUntil",
        s.authorizedUntil.get());
  }
}
