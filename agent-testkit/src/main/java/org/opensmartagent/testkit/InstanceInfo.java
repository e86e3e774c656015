package org.opensmartagent.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.opensmartagent.core.EntitlementTag;

/**
 * A registered product instance as the license server sees it: its identifier, primary UDI,
 * accounts, when it registered, when its ID certificate expires, and its last reported usage.
 * Immutable.
 */
public record InstanceInfo(
    String id,
    String udi,
    String smartAccount,
    String virtualAccount,
    Instant registeredAt,
    Instant idCertNotAfter,
    Map<EntitlementTag, Long> usage) {
  public InstanceInfo {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(udi, "udi == null");
    Objects.requireNonNull(smartAccount, "smartAccount == null");
    Objects.requireNonNull(virtualAccount, "virtualAccount == null");
    Objects.requireNonNull(registeredAt, "registeredAt == null");
    Objects.requireNonNull(idCertNotAfter, "idCertNotAfter == null");
    usage = Map.copyOf(usage);
  }
}
