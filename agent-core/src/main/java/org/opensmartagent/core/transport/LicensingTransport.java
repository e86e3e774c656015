package org.opensmartagent.core.transport;

/**
 * Carries the agent's messages to a license server and brings back its answers.
 *
 * <p>Two kinds of failure, never mixed: a {@link TransportException} when no trustworthy answer
 * arrived (timeout, refused connection, 5xx, "try again later", a malformed body) — the agent
 * retries these with backoff; and a {@link ServerReply#rejected rejected} reply when the server
 * answered "no" — final, never retried. Implementations must be thread-safe; the agent calls one
 * method at a time per agent but one transport may serve several agents.
 */
public interface LicensingTransport {

  ServerReply<RegisterResponse> register(RegisterRequest request) throws TransportException;

  ServerReply<AuthorizeResponse> authorize(AuthorizeRequest request) throws TransportException;

  ServerReply<RenewIdResponse> renewId(RenewIdRequest request) throws TransportException;

  ServerReply<DeregisterResponse> deregister(DeregisterRequest request) throws TransportException;

  /** What STATUS prints for this transport, e.g. {@code Smart Transport https://host/...}. */
  String description();
}
