package org.opensmartagent.testkit.internal;

import java.time.Instant;
import org.opensmartagent.testkit.TokenInfo;
import org.opensmartagent.testkit.TokenSpec;

/**
 * A registration token of a virtual account and its use count. Mutable; guarded by the {@link
 * LicenseService} lock. {@link #toString()} never prints the token value.
 */
public final class Token {
  private final String value;
  private final String virtualAccount;
  private final TokenSpec spec;
  private final Instant createdAt;
  private int uses;
  private boolean revoked;

  public Token(
      String value,
      String virtualAccount,
      TokenSpec spec,
      Instant createdAt,
      int uses,
      boolean revoked) {
    this.value = value;
    this.virtualAccount = virtualAccount;
    this.spec = spec;
    this.createdAt = createdAt;
    this.uses = uses;
    this.revoked = revoked;
  }

  public String value() {
    return value;
  }

  public String virtualAccount() {
    return virtualAccount;
  }

  public TokenSpec spec() {
    return spec;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return createdAt.plus(java.time.Duration.ofDays(spec.validityDays()));
  }

  public int uses() {
    return uses;
  }

  public boolean revoked() {
    return revoked;
  }

  /** How many leading characters of the value {@link #info} shows as the token's id. */
  public static final int ID_LENGTH = 8;

  /** What an administrator may see of this token: never its whole value. */
  public TokenInfo info() {
    return new TokenInfo(
        value.substring(0, ID_LENGTH), virtualAccount, spec, createdAt, expiresAt(), uses, revoked);
  }

  void revoke() {
    revoked = true;
  }

  void use() {
    uses++;
  }

  @Override
  public String toString() {
    return "Token{va=" + virtualAccount + ", uses=" + uses + "/" + spec.maxUses() + "}";
  }
}
