package org.opensmartagent.core.internal.wire;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Hands the signing identity of the operation under way to the {@link SignedTransport}. The engine
 * sets it before each call; one operation runs at a time per agent.
 */
public final class CurrentSigner implements Supplier<SigningIdentity> {
  private volatile Optional<SigningIdentity> current = Optional.empty();

  public void set(SigningIdentity identity) {
    current = Optional.of(identity);
  }

  @Override
  public SigningIdentity get() {
    return current.orElseThrow(
        () -> new IllegalStateException("no signing identity: the engine sets one before sending"));
  }
}
