package org.opensmartagent.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * A registration token as the admin sees it after creating it: its id (the first characters of the
 * secret, enough to revoke it), its account, settings, expiry, uses and whether it is revoked;
 * never the whole secret. Immutable.
 */
public record TokenInfo(
    String id,
    String virtualAccount,
    TokenSpec spec,
    Instant createdAt,
    Instant expiresAt,
    int uses,
    boolean revoked) {
  public TokenInfo {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(virtualAccount, "virtualAccount == null");
    Objects.requireNonNull(spec, "spec == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
  }
}
