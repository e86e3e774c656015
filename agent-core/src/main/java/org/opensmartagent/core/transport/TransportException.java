package org.opensmartagent.core.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * No trustworthy answer came back from the license server. Always retryable: the agent tries again
 * with capped exponential backoff. The message says what failed and what to check.
 */
public class TransportException extends IOException {
  /** Why no answer arrived. */
  public enum Kind {
    /** The server did not answer in time. */
    TIMEOUT,
    /** No connection could be made (DNS, refused, reset, TLS handshake, proxy). */
    CONNECTION,
    /** The server answered with an HTTP error such as 500 or 503. */
    SERVER_ERROR,
    /** The server asked the agent to try again later. */
    TRY_AGAIN_LATER,
    /** The answer could not be parsed or was larger than allowed. */
    MALFORMED_RESPONSE,
    /** The answer failed its signature, nonce or freshness checks. */
    UNTRUSTED_RESPONSE
  }

  private final Kind kind;
  private final Optional<Duration> retryAfter;

  public TransportException(Kind kind, String message) {
    this(kind, message, Optional.empty(), null);
  }

  public TransportException(Kind kind, String message, Throwable cause) {
    this(kind, message, Optional.empty(), cause);
  }

  public TransportException(
      Kind kind, String message, Optional<Duration> retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null");
  }

  /** The server's "try again later" answer, with the delay it asked for if it gave one. */
  public static TransportException tryAgainLater(Optional<Duration> retryAfter) {
    return new TransportException(
        Kind.TRY_AGAIN_LATER,
        "The license server is busy and asked to try again later"
            + retryAfter.map(d -> " (after " + d.toSeconds() + " s)").orElse(""),
        retryAfter,
        null);
  }

  public Kind kind() {
    return kind;
  }

  /** The delay the server asked for; the agent waits at least this long. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
