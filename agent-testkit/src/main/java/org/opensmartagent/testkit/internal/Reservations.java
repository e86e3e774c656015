package org.opensmartagent.testkit.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReservedEntitlement;
import org.opensmartagent.core.reservation.ReturnCode;
import org.opensmartagent.testkit.ReservationInfo;
import org.opensmartagent.testkit.ReservationLine;
import org.opensmartagent.testkit.ReservationRefusedException;

/**
 * Offline reservation on the server: reserve (and update) for a request code, confirm an update,
 * free the licenses of a returned reservation once. Malformed input is {@link
 * IllegalArgumentException}, an unknown account or request code {@link NoSuchElementException}, a
 * refusal {@link ReservationRefusedException}. Not thread-safe: {@link LicenseService} calls it
 * under its lock.
 */
final class Reservations {
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F-]{36}");
  private static final Pattern CONFIRMATION = Pattern.compile("[0-9a-f]{8}");

  private final ServerState state;
  private final ServerPki pki;

  Reservations(ServerState state, ServerPki pki) {
    this.state = state;
    this.pki = pki;
  }

  /** Issues the authorization code for {@code requestCode}; a second call updates an SLR. */
  String reserve(
      String virtualAccount,
      String requestCode,
      ReservationType type,
      List<ReservationLine> lines,
      Instant now) {
    Objects.requireNonNull(requestCode, "requestCode == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(lines, "lines == null");
    RequestCode request = RequestCode.parse(requestCode);
    checkLines(request, type, lines);
    VirtualAccount va = state.virtualAccount(virtualAccount);
    Optional<Reservation> existing = state.findReservation(request.productInstanceId());
    existing.ifPresent(r -> checkUpdatable(r, va));
    List<ReservedEntitlement> entitlements = ReservationPool.take(state, va, lines, existing, now);
    Instant millis = now.truncatedTo(ChronoUnit.MILLIS);
    Instant issued = existing.map(r -> later(r.latest().timestamp(), millis)).orElse(millis);
    AuthorizationCode code =
        AuthorizationCode.create(
            type,
            request.productInstanceId(),
            issued,
            entitlements,
            request.udi(),
            pki.reservationSigner().keys());
    existing.ifPresentOrElse(
        r -> {
          r.update(code);
          state.touch(r);
        },
        () -> state.addReservation(new Reservation(request, va.name(), code, List.of(), false)));
    return code.text();
  }

  /** Accepts the confirmation code of the latest update of the reservation for {@code request}. */
  void confirm(String request, String confirmationCode) {
    Objects.requireNonNull(request, "requestCode == null");
    Objects.requireNonNull(confirmationCode, "confirmationCode == null");
    String code = confirmationCode.strip().toLowerCase(Locale.ROOT);
    if (!CONFIRMATION.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "A confirmation code is 8 hexadecimal characters, e.g. 17488c1f; copy it again from the"
              + " device");
    }
    Reservation r = find(request);
    if (r.isReturned()) {
      throw new ReservationRefusedException(
          "The reservation for request code " + r.request() + " was returned; nothing to confirm");
    }
    if (!r.awaitsConfirmation()) {
      throw new ReservationRefusedException(
          "No updated authorization code for request code "
              + r.request()
              + " waits for confirmation; reserve again to update the reservation");
    }
    boolean confirmed = r.confirm(code);
    state.touch(r);
    if (!confirmed) {
      throw new ReservationRefusedException(
          "Confirmation code "
              + code
              + " does not match the authorization code issued at "
              + r.latest().timestamp()
              + " for request code "
              + r.request()
              + ". Install that code on the device with reauthorize and enter the confirmation"
              + " code it shows.");
    }
  }

  /** Frees the licenses of the reservation {@code returnCode} was made for, exactly once. */
  void returnReservation(String returnCode) {
    ReturnCode code = ReturnCode.parse(Objects.requireNonNull(returnCode, "returnCode == null"));
    Reservation r =
        state.reservations().stream()
            .filter(x -> x.matches(code))
            .findFirst()
            .orElseThrow(
                () ->
                    new ReservationRefusedException(
                        "The return code matches no reservation on this server. Check that it was"
                            + " copied whole from the device and that the device's reservation was"
                            + " made on this server."));
    if (r.isReturned()) {
      throw new ReservationRefusedException(
          "The return code was already used: the reservation for request code "
              + r.request()
              + " is returned and its licenses are back in the pool; nothing to do.");
    }
    r.markReturned();
    state.touch(r);
  }

  List<ReservationInfo> list() {
    return state.reservations().stream().map(Reservation::info).toList();
  }

  private Reservation find(String requestCodeOrId) {
    String t = requestCodeOrId.strip();
    String id = UUID.matcher(t).matches() ? t : RequestCode.parse(t).productInstanceId();
    return state
        .findReservation(id)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "No reservation for request code "
                        + t
                        + "; reserve it first with POST /admin/virtual-accounts/{va}/reservations"));
  }

  private static void checkLines(
      RequestCode request, ReservationType type, List<ReservationLine> lines) {
    if (type != request.type()) {
      throw new IllegalArgumentException(
          "Request code "
              + request
              + " asks for a "
              + request.type()
              + " reservation, not "
              + type
              + "; reserve it as "
              + request.type()
              + " or ask the device for a new request code of the other type");
    }
    if (type == ReservationType.UNIVERSAL && !lines.isEmpty()) {
      throw new IllegalArgumentException(
          "A UNIVERSAL reservation covers every entitlement; give no entitlement lines");
    }
    if (type == ReservationType.SPECIFIC && lines.isEmpty()) {
      throw new IllegalArgumentException(
          "A SPECIFIC reservation needs at least one (tag, count) line");
    }
    Set<Object> seen = new HashSet<>();
    for (ReservationLine line : lines) {
      if (!seen.add(Objects.requireNonNull(line, "line == null").tag())) {
        throw new IllegalArgumentException(
            line.tag().value() + " is listed twice; give one line per entitlement with its total");
      }
    }
  }

  private static void checkUpdatable(Reservation r, VirtualAccount va) {
    if (r.isReturned()) {
      throw new ReservationRefusedException(
          "The reservation for request code "
              + r.request()
              + " was returned; ask the device for a new request code and reserve for that");
    }
    if (!r.virtualAccount().equals(va.name())) {
      throw new ReservationRefusedException(
          "Request code "
              + r.request()
              + " is reserved in virtual account '"
              + r.virtualAccount()
              + "'; update it there");
    }
    if (r.latest().type() == ReservationType.UNIVERSAL) {
      throw new ReservationRefusedException(
          "A UNIVERSAL reservation cannot be updated (its code was issued at "
              + r.latest().timestamp()
              + "); return it from the device and reserve again to change it");
    }
  }

  /** {@code now}, or one millisecond after {@code previous} if the clock has not moved past it. */
  private static Instant later(Instant previous, Instant now) {
    return now.isAfter(previous) ? now : previous.plusMillis(1);
  }
}
