package org.opensmartagent.testkit.internal;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.AuthorizeResponse;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.core.transport.Verdict;

/**
 * Authorization: records an instance's usage report and compares, per tag, the usage of every
 * instance of the virtual account plus what its reservations hold with the licenses active at the
 * server's time. A tag the account's pool never held is AUTHORIZED when the account grants
 * automatically, INVALID_TAG when no pool on the server ever held it, and OUT_OF_COMPLIANCE
 * otherwise (docs/protocol.md has the whole table). Not thread-safe: {@link LicenseService} calls
 * it under its lock.
 */
final class Authorizations {
  /** How long an authorization lasts. */
  static final Duration AUTHORIZATION_PERIOD = Duration.ofDays(90);

  private final ServerState state;

  Authorizations(ServerState state) {
    this.state = state;
  }

  ServerReply<AuthorizeResponse> authorize(
      AuthorizeRequest request, X509Certificate device, Instant now) {
    ServerReply<ProductInstance> found =
        Replies.instance(state, request.productInstanceId(), device);
    if (!found.isAccepted()) {
      return Replies.forward(found);
    }
    ProductInstance instance = found.body();
    Map<EntitlementTag, Long> report = new LinkedHashMap<>();
    for (EntitlementRequest line : request.usage()) {
      report.merge(line.tag(), line.count(), Long::sum);
    }
    state.report(instance, report);
    VirtualAccount va = state.virtualAccount(instance.virtualAccount());
    List<Verdict> verdicts = new ArrayList<>();
    for (EntitlementTag tag : report.keySet()) {
      verdicts.add(verdict(va, tag, now));
    }
    return ServerReply.accepted(
        new AuthorizeResponse(verdicts, now.plus(AUTHORIZATION_PERIOD), request.nonce(), now));
  }

  private Verdict verdict(VirtualAccount va, EntitlementTag tag, Instant now) {
    if (!va.knows(tag)) {
      if (va.autoGrant()) {
        return new Verdict(
            tag,
            Verdict.Kind.AUTHORIZED,
            "granted automatically: auto-grant is on in virtual account " + va.name());
      }
      if (!state.knowsTag(tag)) {
        return new Verdict(
            tag,
            Verdict.Kind.INVALID_TAG,
            tag.value() + " is not a tag this license server knows; check the product's tag");
      }
      return new Verdict(
          tag,
          Verdict.Kind.OUT_OF_COMPLIANCE,
          "no "
              + tag.value()
              + " licenses in virtual account "
              + va.name()
              + "; add licenses to its pool");
    }
    long inUse = state.inUse(va.name(), tag);
    long licensed = va.licensed(tag, now);
    String counts = inUse + " in use, " + licensed + " licensed";
    if (inUse <= licensed) {
      return new Verdict(tag, Verdict.Kind.AUTHORIZED, counts);
    }
    if (va.allowsOverage(tag, now)) {
      return new Verdict(tag, Verdict.Kind.OVERAGE, counts);
    }
    return new Verdict(tag, Verdict.Kind.OUT_OF_COMPLIANCE, counts);
  }
}
