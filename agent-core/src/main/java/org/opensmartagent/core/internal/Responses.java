package org.opensmartagent.core.internal;

import java.time.Duration;
import java.time.Instant;
import org.opensmartagent.core.transport.TransportException;

/** Checks every server answer before anything in it is applied: the nonce and the freshness. */
public final class Responses {
  private Responses() {}

  static void check(String sentNonce, String echoedNonce, Instant serverTime, EngineConfig config)
      throws TransportException {
    if (!sentNonce.equals(echoedNonce)) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED_RESPONSE,
          "The license server's answer does not echo this request's nonce (a replayed or"
              + " misrouted answer); it was ignored");
    }
    checkClock(config.clock().instant(), serverTime, config.policy().clockSkewTolerance());
  }

  /**
   * Fails when the server's time and the device's differ by more than {@code tolerance}, with a
   * message that prints both and says to fix the device clock.
   */
  public static void checkClock(Instant device, Instant server, Duration tolerance)
      throws TransportException {
    Duration skew = Duration.between(server, device).abs();
    if (skew.compareTo(tolerance) > 0) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED_RESPONSE,
          "Clock skew: the device clock says "
              + device
              + " but the license server says "
              + server
              + " ("
              + Durations.format(skew)
              + " apart, more than the "
              + tolerance.toSeconds()
              + " s allowed). Fix the device clock (use NTP) and try again");
    }
  }

  /** A message without its final period, to be continued. */
  static String clause(String message) {
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }
}
