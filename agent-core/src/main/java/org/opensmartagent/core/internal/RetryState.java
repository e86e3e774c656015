package org.opensmartagent.core.internal;

import java.time.Instant;
import java.util.Optional;

/** Consecutive transport failures of one operation and when it is tried next. Immutable. */
record RetryState(int failures, Optional<Instant> nextRetry) {
  static final RetryState NONE = new RetryState(0, Optional.empty());

  RetryState failed(Instant retryAt) {
    return new RetryState(failures + 1, Optional.of(retryAt));
  }
}
