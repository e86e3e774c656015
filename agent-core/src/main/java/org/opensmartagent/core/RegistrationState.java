package org.opensmartagent.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * The registration axis: does the license server know this product instance?
 *
 * <pre>
 *                  register                 accepted
 *  UNREGISTERED ─────────────▶ REGISTERING ─────────▶ REGISTERED ──deregister──▶ UNREGISTERED
 *     ▲  │  ▲                    │     ▲   ╲ rejected     │  ▲  │
 *     │  │  │   transport failure▼     │retry╲            │  │  └─ID cert expired / 365 d
 *     │  │  │          REGISTRATION_RETRY     ▶ REGISTRATION_FAILED   without contact
 *     │  │  │                                             │force          ▼
 *     │  │  └──────────── deregister / give up ◀──────────┘     REGISTRATION_EXPIRED
 *     │  │ request code                                                (evaluation resumes)
 *     │  ▼
 *   RESERVATION_IN_PROGRESS ──install SLR code──▶ REGISTERED_SLR ─┐
 *           │               ──install PLR code──▶ REGISTERED_PLR ─┴─return──▶ UNREGISTERED
 *           └──cancel──▶ UNREGISTERED
 * </pre>
 *
 * <p>{@link #canMoveTo} is the table of allowed moves; the agent performs every move in one place
 * and refuses any other with an {@link IllegalStateException}.
 */
public enum RegistrationState {
  /** Not registered ("unidentified"): the product runs in evaluation or with no licenses. */
  UNREGISTERED("Unregistered"),
  /** A registration request is on its way to the license server. */
  REGISTERING("Registration in progress"),
  /** The first attempt failed to reach the server; the agent retries with backoff. */
  REGISTRATION_RETRY("Registration retry in progress"),
  /** The server refused the registration (bad token, …); the operator must act. */
  REGISTRATION_FAILED("Registration failed"),
  /** Registered with a valid ID certificate. */
  REGISTERED("Registered"),
  /** The ID certificate was not renewed within a year: back to evaluation. */
  REGISTRATION_EXPIRED("Registration Expired"),
  /** Offline reservation: a request code exists and waits for its authorization code. */
  RESERVATION_IN_PROGRESS("Reservation In Progress"),
  /** Specific license reservation installed. */
  REGISTERED_SLR("Registered - Specific License Reservation"),
  /** Universal (permanent) license reservation installed. */
  REGISTERED_PLR("Registered - Universal (Permanent) License Reservation");

  private final String displayName;

  RegistrationState(String displayName) {
    this.displayName = displayName;
  }

  /** The text the STATUS screen prints. */
  public String displayName() {
    return displayName;
  }

  /** True when the product holds a registration or reservation that the server issued. */
  public boolean isRegistered() {
    return this == REGISTERED || this == REGISTERED_SLR || this == REGISTERED_PLR;
  }

  /** True while a reservation code (request or authorization) is on the device. */
  public boolean isReservation() {
    return this == RESERVATION_IN_PROGRESS || this == REGISTERED_SLR || this == REGISTERED_PLR;
  }

  /** The states this one may move to; a state never "moves" to itself. */
  public Set<RegistrationState> allowedNext() {
    return switch (this) {
      case UNREGISTERED -> EnumSet.of(REGISTERING, RESERVATION_IN_PROGRESS);
      case REGISTERING -> EnumSet.of(REGISTERED, REGISTRATION_RETRY, REGISTRATION_FAILED);
      case REGISTRATION_RETRY ->
          EnumSet.of(REGISTERING, REGISTERED, REGISTRATION_FAILED, UNREGISTERED);
      case REGISTRATION_FAILED -> EnumSet.of(REGISTERING, UNREGISTERED, RESERVATION_IN_PROGRESS);
      case REGISTERED -> EnumSet.of(REGISTERING, UNREGISTERED, REGISTRATION_EXPIRED);
      case REGISTRATION_EXPIRED -> EnumSet.of(REGISTERING, UNREGISTERED, RESERVATION_IN_PROGRESS);
      case RESERVATION_IN_PROGRESS -> EnumSet.of(UNREGISTERED, REGISTERED_SLR, REGISTERED_PLR);
      case REGISTERED_SLR, REGISTERED_PLR -> EnumSet.of(UNREGISTERED);
    };
  }

  public boolean canMoveTo(RegistrationState next) {
    return allowedNext().contains(next);
  }
}
