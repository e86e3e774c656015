package org.opensmartagent.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.reservation.ReservationType;

/**
 * An offline reservation as the license server sees it: the product instance identifier derived
 * from its request code, the device's UDI, its virtual account and type, the counts it reserves
 * (empty for a universal reservation), when its latest authorization code was issued, and its
 * status. Immutable.
 *
 * <p>{@code RESERVED} --reserve again (SLR update)--&gt; {@code AWAITING_CONFIRMATION}
 * --confirm--&gt; {@code RESERVED}; either --return--&gt; {@code RETURNED}, which is final.
 */
public record ReservationInfo(
    String productInstanceId,
    String requestCode,
    String udi,
    String virtualAccount,
    ReservationType type,
    Map<EntitlementTag, Long> reserved,
    Instant issuedAt,
    Status status) {

  /** Where a reservation stands on the server. */
  public enum Status {
    /** Its authorization code was issued; its licenses are taken from the pool. */
    RESERVED,
    /** An updated code was issued; the server waits for the device's confirmation code. */
    AWAITING_CONFIRMATION,
    /** The device's return code was accepted; its licenses are back in the pool. */
    RETURNED
  }

  public ReservationInfo {
    Objects.requireNonNull(productInstanceId, "productInstanceId == null");
    Objects.requireNonNull(requestCode, "requestCode == null");
    Objects.requireNonNull(udi, "udi == null");
    Objects.requireNonNull(virtualAccount, "virtualAccount == null");
    Objects.requireNonNull(type, "type == null");
    reserved = Map.copyOf(reserved);
    Objects.requireNonNull(issuedAt, "issuedAt == null");
    Objects.requireNonNull(status, "status == null");
  }
}
