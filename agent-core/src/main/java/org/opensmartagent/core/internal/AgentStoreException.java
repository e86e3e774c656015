package org.opensmartagent.core.internal;

import java.io.UncheckedIOException;
import org.opensmartagent.core.store.StoreException;

/**
 * A change could not be stored, so it was not applied: the agent's state, in memory and on disk, is
 * what it was before the call.
 */
public final class AgentStoreException extends UncheckedIOException {
  public AgentStoreException(StoreException cause) {
    super(
        "The licensing state could not be saved, so nothing was changed: " + cause.getMessage(),
        cause);
  }
}
