package org.opensmartagent.testkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.ConfirmationCode;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservedEntitlement;
import org.opensmartagent.core.reservation.ReturnCode;
import org.opensmartagent.testkit.ReservationInfo;

/**
 * One offline reservation: the request code it answers, its virtual account, the latest
 * authorization code issued and, while an update waits for its confirmation code, the codes issued
 * before it since the last confirmation (the device may still hold one of them). What it reserves
 * is what its latest code says. Mutable; guarded by the {@link LicenseService} lock.
 */
public final class Reservation {
  private final RequestCode request;
  private final String virtualAccount;
  private AuthorizationCode latest;
  private final List<AuthorizationCode> earlier;
  private boolean returned;

  public Reservation(
      RequestCode request,
      String virtualAccount,
      AuthorizationCode latest,
      List<AuthorizationCode> earlier,
      boolean returned) {
    this.request = Objects.requireNonNull(request, "request == null");
    this.virtualAccount = Objects.requireNonNull(virtualAccount, "virtualAccount == null");
    this.latest = Objects.requireNonNull(latest, "latest == null");
    this.earlier = new ArrayList<>(earlier);
    this.returned = returned;
  }

  public RequestCode request() {
    return request;
  }

  /** The product instance id the server assigned; every code it issues for it carries it. */
  public String productInstanceId() {
    return latest.productInstanceId();
  }

  public String virtualAccount() {
    return virtualAccount;
  }

  public AuthorizationCode latest() {
    return latest;
  }

  /** The codes issued before the latest, kept while the latest waits for its confirmation. */
  public List<AuthorizationCode> earlier() {
    return List.copyOf(earlier);
  }

  public boolean isReturned() {
    return returned;
  }

  public boolean awaitsConfirmation() {
    return !earlier.isEmpty() && !returned;
  }

  /** The count reserved of {@code tag}; 0 once returned. */
  public long reserved(EntitlementTag tag) {
    return returned
        ? 0
        : latest.entitlement(tag).map(ReservedEntitlement::count).orElse(0L).longValue();
  }

  /** Replaces the latest code with an update, which then waits for its confirmation code. */
  void update(AuthorizationCode code) {
    earlier.add(latest);
    latest = code;
  }

  /** True (and the update confirmed) when {@code code} is the latest code's confirmation code. */
  boolean confirm(String code) {
    if (!ConfirmationCode.of(latest).equals(code)) {
      return false;
    }
    earlier.clear();
    return true;
  }

  /** True when {@code code} was made from a code this reservation issued and may be installed. */
  boolean matches(ReturnCode code) {
    return code.matches(latest) || earlier.stream().anyMatch(code::matches);
  }

  void markReturned() {
    returned = true;
  }

  ReservationInfo info() {
    Map<EntitlementTag, Long> counts = new LinkedHashMap<>();
    latest.entitlements().forEach(e -> counts.put(e.tag(), e.count()));
    return new ReservationInfo(
        productInstanceId(),
        request.text(),
        latest.udi().toCompactString(),
        virtualAccount,
        latest.type(),
        counts,
        latest.timestamp(),
        status());
  }

  private ReservationInfo.Status status() {
    if (returned) {
      return ReservationInfo.Status.RETURNED;
    }
    return awaitsConfirmation()
        ? ReservationInfo.Status.AWAITING_CONFIRMATION
        : ReservationInfo.Status.RESERVED;
  }
}
