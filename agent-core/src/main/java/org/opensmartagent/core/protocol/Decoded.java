package org.opensmartagent.core.protocol;

import java.time.Instant;
import java.util.Optional;
import org.opensmartagent.core.transport.ServerReply;

/**
 * A decoded answer with the fields every answer carries, accepted or not: the echoed nonce, the
 * server's time and, after registration, the echoed product instance.
 */
public record Decoded<T>(
    ServerReply<T> reply, String nonce, Instant serverTime, Optional<String> productInstanceId) {}
