package org.opensmartagent.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * The authorization axis: may the product use what it uses, and on what grounds?
 *
 * <pre>
 *            in use, unregistered          evaluation used up
 *   NONE ─────────────────────▶ EVALUATION ─────────────────▶ EVALUATION_EXPIRED
 *    ▲ ▲ ◀── nothing in use ──┘    │                              │
 *    │ │                           │ registered and authorized    │
 *    │ │                           ▼                              ▼
 *    │ └──────────────────── AUTHORIZED ◀──────▶ OUT_OF_COMPLIANCE
 *    │                           │  ▲                 │
 *    │      no contact for 90 d  ▼  │ renewal ok      │ no contact for 90 d
 *    │                    AUTHORIZATION_EXPIRED ◀─────┘
 *    │
 *    └──── reservation returned ──── AUTHORIZED_RESERVED ◀── reservation installed (from NONE,
 *                                                              EVALUATION, EVALUATION_EXPIRED)
 *
 *   Deregistration or lost registration moves any registered state back to NONE,
 *   EVALUATION or EVALUATION_EXPIRED, with the evaluation days that remain.
 * </pre>
 *
 * <p>The agent derives this state from the registration, the entitlements in use and the clock, and
 * moves it only along {@link #canMoveTo}.
 */
public enum AuthorizationState {
  /** No licenses in use. */
  NONE("No Licenses in Use"),
  /** Unregistered and using licenses: the evaluation period counts down. */
  EVALUATION("EVALUATION MODE"),
  /** The evaluation period is used up and the product is not registered. */
  EVALUATION_EXPIRED("EVALUATION EXPIRED"),
  /** Registered; the server authorized everything in use. */
  AUTHORIZED("AUTHORIZED"),
  /** A reservation authorization code is installed. */
  AUTHORIZED_RESERVED("AUTHORIZED - RESERVED"),
  /** Registered; at least one entitlement in use is over the account's licenses or expired. */
  OUT_OF_COMPLIANCE("OUT OF COMPLIANCE"),
  /** Registered but no successful communication within the communication deadline. */
  AUTHORIZATION_EXPIRED("AUTHORIZATION EXPIRED");

  private final String displayName;

  AuthorizationState(String displayName) {
    this.displayName = displayName;
  }

  /** The text the STATUS screen prints. */
  public String displayName() {
    return displayName;
  }

  /** The states this one may move to; a state never "moves" to itself. */
  public Set<AuthorizationState> allowedNext() {
    return switch (this) {
      case NONE ->
          EnumSet.of(
              EVALUATION,
              EVALUATION_EXPIRED,
              AUTHORIZED,
              OUT_OF_COMPLIANCE,
              AUTHORIZATION_EXPIRED,
              AUTHORIZED_RESERVED);
      case EVALUATION ->
          EnumSet.of(NONE, EVALUATION_EXPIRED, AUTHORIZED, OUT_OF_COMPLIANCE, AUTHORIZED_RESERVED);
      case EVALUATION_EXPIRED ->
          EnumSet.of(NONE, AUTHORIZED, OUT_OF_COMPLIANCE, AUTHORIZED_RESERVED);
      case AUTHORIZED ->
          EnumSet.of(
              NONE, EVALUATION, EVALUATION_EXPIRED, OUT_OF_COMPLIANCE, AUTHORIZATION_EXPIRED);
      case OUT_OF_COMPLIANCE ->
          EnumSet.of(NONE, EVALUATION, EVALUATION_EXPIRED, AUTHORIZED, AUTHORIZATION_EXPIRED);
      case AUTHORIZATION_EXPIRED ->
          EnumSet.of(NONE, EVALUATION, EVALUATION_EXPIRED, AUTHORIZED, OUT_OF_COMPLIANCE);
      case AUTHORIZED_RESERVED -> EnumSet.of(NONE, EVALUATION, EVALUATION_EXPIRED);
    };
  }

  public boolean canMoveTo(AuthorizationState next) {
    return allowedNext().contains(next);
  }
}
