package org.opensmartagent.testkit;

import java.util.List;
import java.util.Objects;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.testkit.internal.LicenseService;

/**
 * The license server administrator's operations, in process; the admin HTTP API under {@code
 * /admin/} does the same. Thread-safe. Failures: {@link IllegalArgumentException} for a bad name or
 * value, {@link java.util.NoSuchElementException} for an unknown account or token, {@link
 * IllegalStateException} for a name already taken, {@link ReservationRefusedException} (an {@code
 * IllegalArgumentException}) for a reservation operation the server refuses; each message says what
 * to do.
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

  /** Removes every grant of {@code tag} from {@code virtualAccount}'s pool. */
  public LicenseAdmin removeLicenses(String virtualAccount, EntitlementTag tag) {
    service.removeLicenses(virtualAccount, tag);
    return this;
  }

  /**
   * Turns on (or off) the automatic grant of every reported tag that {@code virtualAccount}'s pool
   * has no licenses for, e.g. base licenses; off by default, when such a tag is out of compliance.
   */
  public LicenseAdmin autoGrant(String virtualAccount, boolean on) {
    service.autoGrant(virtualAccount, on);
    return this;
  }

  /** Every smart account with its virtual accounts and their pools. */
  public List<AccountInfo> accounts() {
    return service.accounts();
  }

  /** The tokens of {@code virtualAccount}, without their secret values. */
  public List<TokenInfo> tokens(String virtualAccount) {
    return service.tokens(virtualAccount);
  }

  /**
   * The product instance with this id or primary UDI.
   *
   * @throws java.util.NoSuchElementException when there is none
   */
  public InstanceInfo instance(String idOrUdi) {
    return service.instance(idOrUdi);
  }

  /** Removes a product instance, as deleting it on the portal does; its usage is freed. */
  public LicenseAdmin removeInstance(String idOrUdi) {
    service.removeInstance(idOrUdi);
    return this;
  }

  /** Every registered product instance, in registration order. */
  public List<InstanceInfo> instances() {
    return service.instances();
  }

  /**
   * Reserves licenses offline for the device that printed {@code requestCode} and returns the
   * authorization code to install on it (one line of XML). SPECIFIC takes each line's count from
   * {@code virtualAccount}'s pool, with the term of the pool's licenses; UNIVERSAL takes no lines
   * and reserves nothing countable. Reserving again for the same request code updates an SLR: a new
   * code with a later timestamp replaces the lines, and the server waits for the device's
   * confirmation code ({@link #confirm}).
   *
   * @throws IllegalArgumentException for a malformed request code, a type other than the request
   *     code's, or bad lines
   * @throws ReservationRefusedException when the pool has too few licenses (naming the tag, the
   *     count requested and the count available), or the reservation was returned, belongs to
   *     another virtual account, or is UNIVERSAL and so cannot be updated
   */
  public String reserve(
      String virtualAccount,
      String requestCode,
      ReservationType type,
      List<ReservationLine> lines) {
    return service.reserve(virtualAccount, requestCode, type, lines);
  }

  /**
   * Accepts the confirmation code a device showed after installing an updated SLR code; {@code
   * requestCode} is the reservation's request code or its product instance id.
   *
   * @throws java.util.NoSuchElementException when no reservation answers {@code requestCode}
   * @throws ReservationRefusedException unless the code is that of the latest code issued and an
   *     update waits for it
   */
  public LicenseAdmin confirm(String requestCode, String confirmationCode) {
    service.confirmReservation(requestCode, confirmationCode);
    return this;
  }

  /**
   * Frees the licenses of the reservation a device returned; each return code is accepted once.
   *
   * @throws IllegalArgumentException when the text is not a return code (the message says why)
   * @throws ReservationRefusedException when it was already used or matches no reservation
   */
  public LicenseAdmin returnReservation(String returnCode) {
    service.returnReservation(returnCode);
    return this;
  }

  /** Every reservation, returned ones included, in the order they were made. */
  public List<ReservationInfo> reservations() {
    return service.reservations();
  }

  /**
   * Every entitlement of {@code virtualAccount}'s pool, in use or reserved there, at the server's
   * time; reserved licenses count as in use.
   */
  public List<TagUsage> usage(String virtualAccount) {
    return service.usage(virtualAccount);
  }
}
