package org.opensmartagent.core.transport;

/**
 * Moves one signed message to the license server and brings back its signed answer: what an HTTP
 * transport implements. Core signs requests, and verifies and decodes answers; a channel never
 * interprets payloads. A failure to get an answer is a {@link TransportException}; the server's
 * "try again later" is {@link TransportException#tryAgainLater}. Implementations are thread-safe.
 */
public interface MessageChannel extends AutoCloseable {

  SignedMessage exchange(SignedMessage request) throws TransportException;

  /**
   * Like {@link #exchange(SignedMessage)}, but gives up with a {@link
   * TransportException.Kind#TIMEOUT} once {@code deadline} has passed since the call began, however
   * slowly the answer drips in. The agent passes its total deadline for every exchange; a channel
   * that cannot bound its calls may keep this default, which ignores it.
   */
  default SignedMessage exchange(SignedMessage request, java.time.Duration deadline)
      throws TransportException {
    return exchange(request);
  }

  /** What STATUS prints, e.g. {@code Smart Transport https://host/SmartTransport}. */
  String description();

  /** Releases connections and threads; the default does nothing. */
  @Override
  default void close() {}
}
