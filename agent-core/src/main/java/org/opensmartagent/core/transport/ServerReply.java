package org.opensmartagent.core.transport;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The license server's answer: either the accepted response body or a final rejection with a reason
 * and the server's own words. Immutable.
 */
public final class ServerReply<T> {
  private final Optional<T> body;
  private final Optional<Rejection> rejection;

  /** A refusal: the reason and the server's message. */
  public record Rejection(RejectReason reason, String serverMessage) {
    public Rejection {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(serverMessage, "serverMessage == null");
    }

    /** The server's message and what the operator should do. */
    public String describe() {
      return serverMessage.isBlank() ? reason.advice() : serverMessage + ". " + reason.advice();
    }
  }

  private ServerReply(Optional<T> body, Optional<Rejection> rejection) {
    this.body = body;
    this.rejection = rejection;
  }

  public static <T> ServerReply<T> accepted(T body) {
    return new ServerReply<>(
        Optional.of(Objects.requireNonNull(body, "body == null")), Optional.empty());
  }

  public static <T> ServerReply<T> rejected(RejectReason reason, String serverMessage) {
    return new ServerReply<>(Optional.empty(), Optional.of(new Rejection(reason, serverMessage)));
  }

  public boolean isAccepted() {
    return body.isPresent();
  }

  /** The accepted body; throws if this reply is a rejection. */
  public T body() {
    return body.orElseThrow(() -> new NoSuchElementException("rejected: " + rejection.get()));
  }

  public Optional<Rejection> rejection() {
    return rejection;
  }

  @Override
  public String toString() {
    return body.map(b -> "Accepted[" + b + "]")
        .orElseGet(() -> "Rejected[" + rejection.get() + "]");
  }
}
