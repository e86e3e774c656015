package org.opensmartagent.core.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;

/**
 * A fake license server in one object: by default it accepts everything (registrations get instance
 * {@code PI-n}, every reported entitlement is authorized for 90 days), and a test can script the
 * next answers per operation: a transport failure, a rejection, or out-of-compliance and unknown
 * tags. Records every request. Thread-safe.
 */
public final class ScriptedTransport implements LicensingTransport {
  /** The operations a script can target. */
  public enum Op {
    REGISTER,
    AUTHORIZE,
    RENEW_ID,
    DEREGISTER
  }

  private final Clock clock;
  private final Deque<Scripted> script = new ArrayDeque<>();
  private final Set<EntitlementTag> outOfCompliance = new HashSet<>();
  private final Set<EntitlementTag> unknown = new HashSet<>();
  private final Set<EntitlementTag> overage = new HashSet<>();
  private final List<Object> requests = new ArrayList<>();
  private boolean down;
  private int instances;
  private Duration serverClockOffset = Duration.ZERO;
  private boolean echoWrongNonce;
  private Runnable beforeAnswer = () -> {};

  private record Scripted(Op op, TransportException failure, ServerReply.Rejection rejection) {}

  public ScriptedTransport(Clock clock) {
    this.clock = clock;
  }

  public synchronized ScriptedTransport failNext(Op op, TransportException failure) {
    script.add(new Scripted(op, failure, null));
    return this;
  }

  public synchronized ScriptedTransport rejectNext(Op op, RejectReason reason, String message) {
    script.add(new Scripted(op, null, new ServerReply.Rejection(reason, message)));
    return this;
  }

  /** While down, every call fails with a connection error. */
  public synchronized void setDown(boolean value) {
    down = value;
  }

  public synchronized void setOutOfCompliance(EntitlementTag tag, boolean value) {
    if (value) {
      outOfCompliance.add(tag);
    } else {
      outOfCompliance.remove(tag);
    }
  }

  public synchronized void setOverage(EntitlementTag tag) {
    overage.add(tag);
  }

  public synchronized void setUnknown(EntitlementTag tag) {
    unknown.add(tag);
  }

  /** The server learns {@code tag}: it is no longer answered INVALID_TAG. */
  public synchronized void setKnown(EntitlementTag tag) {
    unknown.remove(tag);
  }

  public synchronized void setServerClockOffset(Duration offset) {
    serverClockOffset = offset;
  }

  /** Runs just before every answer leaves the server (to inject faults at that moment). */
  public synchronized void beforeAnswer(Runnable hook) {
    beforeAnswer = hook;
  }

  public synchronized void echoWrongNonce(boolean value) {
    echoWrongNonce = value;
  }

  public synchronized List<Object> requests() {
    return List.copyOf(requests);
  }

  public synchronized <T> List<T> requests(Class<T> type) {
    return requests.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public synchronized ServerReply<RegisterResponse> register(RegisterRequest r)
      throws TransportException {
    requests.add(r);
    ServerReply.Rejection rejection = next(Op.REGISTER);
    if (rejection != null) {
      return ServerReply.rejected(rejection.reason(), rejection.serverMessage());
    }
    var now = clock.instant();
    return ServerReply.accepted(
        new RegisterResponse(
            "PI-" + ++instances,
            "Example Corp",
            "Lab",
            r.token().contains("EXPORT"),
            List.of(new byte[] {1, 2, 3}),
            now.minus(Duration.ofMinutes(5)),
            now.plus(Duration.ofDays(365)),
            r.classicLicenses(),
            nonce(r.nonce()),
            now.plus(serverClockOffset)));
  }

  @Override
  public synchronized ServerReply<AuthorizeResponse> authorize(AuthorizeRequest r)
      throws TransportException {
    requests.add(r);
    ServerReply.Rejection rejection = next(Op.AUTHORIZE);
    if (rejection != null) {
      return ServerReply.rejected(rejection.reason(), rejection.serverMessage());
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (EntitlementRequest u : r.usage()) {
      Verdict.Kind kind =
          unknown.contains(u.tag())
              ? Verdict.Kind.INVALID_TAG
              : outOfCompliance.contains(u.tag())
                  ? Verdict.Kind.OUT_OF_COMPLIANCE
                  : overage.contains(u.tag()) ? Verdict.Kind.OVERAGE : Verdict.Kind.AUTHORIZED;
      verdicts.add(new Verdict(u.tag(), kind, kind == Verdict.Kind.AUTHORIZED ? "" : "scripted"));
    }
    var now = clock.instant();
    return ServerReply.accepted(
        new AuthorizeResponse(
            verdicts,
            now.plus(Duration.ofDays(90)),
            nonce(r.nonce()),
            now.plus(serverClockOffset)));
  }

  @Override
  public synchronized ServerReply<RenewIdResponse> renewId(RenewIdRequest r)
      throws TransportException {
    requests.add(r);
    ServerReply.Rejection rejection = next(Op.RENEW_ID);
    if (rejection != null) {
      return ServerReply.rejected(rejection.reason(), rejection.serverMessage());
    }
    var now = clock.instant();
    return ServerReply.accepted(
        new RenewIdResponse(
            List.of(new byte[] {4, 5, 6}),
            now.minus(Duration.ofMinutes(5)),
            now.plus(Duration.ofDays(365)),
            nonce(r.nonce()),
            now.plus(serverClockOffset)));
  }

  @Override
  public synchronized ServerReply<DeregisterResponse> deregister(DeregisterRequest r)
      throws TransportException {
    requests.add(r);
    ServerReply.Rejection rejection = next(Op.DEREGISTER);
    if (rejection != null) {
      return ServerReply.rejected(rejection.reason(), rejection.serverMessage());
    }
    return ServerReply.accepted(
        new DeregisterResponse(nonce(r.nonce()), clock.instant().plus(serverClockOffset)));
  }

  @Override
  public String description() {
    return "Scripted test transport";
  }

  private String nonce(String sent) {
    return echoWrongNonce ? "not-" + sent : sent;
  }

  private ServerReply.Rejection next(Op op) throws TransportException {
    beforeAnswer.run();
    if (down) {
      throw new TransportException(
          TransportException.Kind.CONNECTION, "connection refused by the scripted server");
    }
    Scripted s = script.peek();
    if (s == null || s.op() != op) {
      return null;
    }
    script.poll();
    if (s.failure() != null) {
      throw s.failure();
    }
    return s.rejection();
  }
}
