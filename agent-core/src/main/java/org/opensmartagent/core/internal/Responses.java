package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import org.opensmartagent.core.transport.TransportException;

/** Checks every server answer before anything in it is applied: the nonce and the freshness. */
final class Responses {
  private Responses() {}

  static void check(String sentNonce, String echoedNonce, Instant serverTime, AgentEngine engine)
      throws TransportException {
    if (!sentNonce.equals(echoedNonce)) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED_RESPONSE,
          "The license server's answer does not echo this request's nonce (a replayed or"
              + " misrouted answer); it was ignored");
    }
    Instant device = engine.config.clock().instant();
    Duration skew = Duration.between(serverTime, device).abs();
    Duration tolerance = engine.policy.clockSkewTolerance();
    if (skew.compareTo(tolerance) > 0) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED_RESPONSE,
          "Clock skew: the device clock says "
              + device
              + " but the license server says "
              + serverTime
              + " ("
              + Durations.format(skew)
              + " apart, more than the "
              + tolerance.toSeconds()
              + " s allowed). Fix the device clock (use NTP) and try again.");
    }
  }
}
