package org.opensmartagent.testkit;

import java.util.List;
import java.util.Objects;
import org.opensmartagent.testkit.internal.LicenseService;

/**
 * The license server administrator's operations, in process; the admin HTTP API under {@code
 * /admin/} does the same. Thread-safe. Failures: {@link IllegalArgumentException} for a bad name or
 * value, {@link java.util.NoSuchElementException} for an unknown account or token, {@link
 * IllegalStateException} for a name already taken; each message says what to do.
 */
public final class LicenseAdmin {
  private final LicenseService service;

  LicenseAdmin(LicenseService service) {
    this.service = Objects.requireNonNull(service, "service == null");
  }

  /** Creates a smart account; names are 1..64 of {@code [A-Za-z0-9_.-]}. */
  public LicenseAdmin createSmartAccount(String name) {
    service.createSmartAccount(name);
    return this;
  }

  /** Creates a virtual account in {@code smartAccount}; its name is unique on this server. */
  public LicenseAdmin createVirtualAccount(String smartAccount, String name) {
    service.createVirtualAccount(smartAccount, name);
    return this;
  }

  /** Creates a registration token in {@code virtualAccount} and returns it (a secret). */
  public String createToken(String virtualAccount, TokenSpec spec) {
    return service.createToken(virtualAccount, spec);
  }

  /** Revokes {@code token}; registrations with it are refused with TOKEN_REVOKED. */
  public LicenseAdmin revokeToken(String token) {
    service.revokeToken(token);
    return this;
  }

  /** Adds licenses to {@code virtualAccount}'s pool. */
  public LicenseAdmin addLicenses(String virtualAccount, LicenseGrant grant) {
    service.addLicenses(virtualAccount, grant);
    return this;
  }

  /** Every registered product instance, in registration order. */
  public List<InstanceInfo> instances() {
    return service.instances();
  }

  /** Every entitlement of {@code virtualAccount}'s pool or in use there, at the server's time. */
  public List<TagUsage> usage(String virtualAccount) {
    return service.usage(virtualAccount);
  }
}
