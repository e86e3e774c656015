package org.opensmartagent.transport.internal;

import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;

/**
 * Wraps a {@link SignedMessage} in a transport envelope and unwraps the answer, carrying type,
 * version, payload, signature and certificates unchanged. Implementations are thread-safe.
 */
public interface EnvelopeCodec {
  /** The request's {@code Content-Type}. */
  String contentType();

  byte[] encode(SignedMessage message);

  /** Unwraps an answer; a malformed envelope is a {@code MALFORMED_RESPONSE} failure. */
  SignedMessage decode(byte[] body) throws TransportException;
}
