package org.opensmartagent.testkit.internal;

import java.time.Instant;
import java.util.Objects;
import org.opensmartagent.testkit.TokenSpec;

/**
 * A registration token as an administrator sees it: the value (a secret), its virtual account, what
 * it was created with, when it expires, how often it was used and whether it is revoked. Immutable.
 */
public record TokenInfo(
    String value,
    String virtualAccount,
    TokenSpec spec,
    Instant createdAt,
    Instant expiresAt,
    int uses,
    boolean revoked) {
  public TokenInfo {
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(virtualAccount, "virtualAccount == null");
    Objects.requireNonNull(spec, "spec == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
  }

  /** The first characters of the value, safe to show in a list: the rest stays hidden. */
  public String prefix() {
    return value.substring(0, Math.min(8, value.length())) + "…";
  }

  @Override
  public String toString() {
    return "TokenInfo[" + prefix() + " in " + virtualAccount + "]";
  }
}
