package org.opensmartagent.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of one entitlement (its enforcement mode).
 *
 * <pre>
 *  DISABLED ──enable smart licensing──▶ INITIALIZED (not requested) ◀──── release ─── (any
 *                                           │ request                                requested)
 *          unregistered ┌───────────────────┼────────────────────┐ registered, authorized
 *                       ▼                   │ reservation        ▼
 *   EVALUATION ──used up──▶ EVALUATION_     ▼                 WAITING ──verdict──▶ AUTHORIZED
 *        │                  EXPIRED   RESERVED_AUTHORIZED ◀─▶ NOT_AUTHORIZED       OVERAGE
 *        └─registered and authorized──▶ verdict                                    INVALID_TAG
 *                                                       OUT_OF_COMPLIANCE ──30 d──▶ GRACE_PERIOD_
 *   no contact for 90 d: any verdict ──▶ AUTHORIZATION_EXPIRED ──renewal ok──▶ verdict  EXPIRED
 * </pre>
 *
 * <p>An AUTHORIZATION_EXPIRED that a wrong clock caused (jumped forward, then corrected by the
 * license server's signed time) goes back to WAITING for an entitlement requested after the last
 * verdict. {@link #canMoveTo} is the table of allowed moves.
 */
public enum EnforcementMode {
  /** Known to the product, not requested ("Not requested"). */
  INITIALIZED("Not requested"),
  /** Requested; waiting for the license server's authorization response. */
  WAITING("Request in progress"),
  /** Authorized and in compliance. */
  AUTHORIZED("In Compliance"),
  /** Over-used or expired in the account; the grace period runs. */
  OUT_OF_COMPLIANCE("Out Of Compliance"),
  /** Used above the account's licenses but the account permits it (informational). */
  OVERAGE("Overage"),
  /** Unregistered: in use under the evaluation period. */
  EVALUATION("Eval"),
  /** Unregistered: in use with the evaluation period used up. */
  EVALUATION_EXPIRED("Eval Expired"),
  /** Registered, but no successful contact within the communication deadline. */
  AUTHORIZATION_EXPIRED("Authorization Expired"),
  /** Out of compliance for longer than the grace period. */
  GRACE_PERIOD_EXPIRED("Grace Period Expired"),
  /** Smart licensing is not enabled yet. */
  DISABLED("Disabled"),
  /** Covered by an installed reservation ("Reserved in Compliance"). */
  RESERVED_AUTHORIZED("Reserved In Compliance"),
  /** The license server does not know this tag. */
  INVALID_TAG("Invalid Tag"),
  /** A reservation is installed that does not cover this entitlement, or not enough of it. */
  NOT_AUTHORIZED("Not Authorized");

  private final String displayName;

  EnforcementMode(String displayName) {
    this.displayName = displayName;
  }

  /** The text the SUMMARY screen prints. */
  public String displayName() {
    return displayName;
  }

  /** True for the modes that follow a verdict of the license server on this entitlement. */
  public boolean isVerdict() {
    return VERDICTS.contains(this);
  }

  /** The verdicts a first authorization response can give. */
  private static final Set<EnforcementMode> FIRST_VERDICTS =
      EnumSet.of(AUTHORIZED, OUT_OF_COMPLIANCE, OVERAGE, INVALID_TAG);

  private static final Set<EnforcementMode> VERDICTS =
      EnumSet.of(AUTHORIZED, OUT_OF_COMPLIANCE, OVERAGE, INVALID_TAG, GRACE_PERIOD_EXPIRED);

  /** The modes this one may move to; a mode never "moves" to itself. */
  public Set<EnforcementMode> allowedNext() {
    Set<EnforcementMode> unregistered = EnumSet.of(INITIALIZED, EVALUATION, EVALUATION_EXPIRED);
    Set<EnforcementMode> next =
        switch (this) {
          case DISABLED -> EnumSet.of(INITIALIZED, EVALUATION, EVALUATION_EXPIRED, AUTHORIZED);
          case INITIALIZED ->
              EnumSet.of(
                  EVALUATION,
                  EVALUATION_EXPIRED,
                  WAITING,
                  AUTHORIZATION_EXPIRED,
                  RESERVED_AUTHORIZED,
                  NOT_AUTHORIZED);
            // WAITING: requested after the first usage report left, so the first authorization
            // carries no verdict for it yet.
          case EVALUATION ->
              union(
                  EnumSet.of(
                      INITIALIZED,
                      EVALUATION_EXPIRED,
                      WAITING,
                      RESERVED_AUTHORIZED,
                      NOT_AUTHORIZED),
                  FIRST_VERDICTS);
          case EVALUATION_EXPIRED ->
              union(
                  EnumSet.of(INITIALIZED, WAITING, RESERVED_AUTHORIZED, NOT_AUTHORIZED),
                  FIRST_VERDICTS);
          case WAITING -> union(FIRST_VERDICTS, EnumSet.of(AUTHORIZATION_EXPIRED), unregistered);
          case AUTHORIZATION_EXPIRED -> union(VERDICTS, EnumSet.of(WAITING), unregistered);
            // WAITING: the expiry came from a wrong clock (jumped forward) that the server's time
            // then corrected, for an entitlement requested after the last verdict
          case AUTHORIZED, OVERAGE, INVALID_TAG ->
              union(
                  EnumSet.of(
                      AUTHORIZED, OUT_OF_COMPLIANCE, OVERAGE, INVALID_TAG, AUTHORIZATION_EXPIRED),
                  unregistered);
          case OUT_OF_COMPLIANCE ->
              union(VERDICTS, EnumSet.of(AUTHORIZATION_EXPIRED), unregistered);
          case GRACE_PERIOD_EXPIRED ->
              union(
                  EnumSet.of(
                      AUTHORIZED, OVERAGE, INVALID_TAG, AUTHORIZATION_EXPIRED, OUT_OF_COMPLIANCE),
                  unregistered);
            // OUT_OF_COMPLIANCE: the grace period ran out only on a wrong clock (jumped forward)
            // that the server's time then corrected, so it is running again
          case RESERVED_AUTHORIZED -> union(EnumSet.of(NOT_AUTHORIZED), unregistered);
          case NOT_AUTHORIZED -> union(EnumSet.of(RESERVED_AUTHORIZED), unregistered);
        };
    next.remove(this);
    return next;
  }

  public boolean canMoveTo(EnforcementMode next) {
    return allowedNext().contains(next);
  }

  @SafeVarargs
  private static Set<EnforcementMode> union(Set<EnforcementMode>... sets) {
    Set<EnforcementMode> all = EnumSet.noneOf(EnforcementMode.class);
    for (Set<EnforcementMode> s : sets) {
      all.addAll(s);
    }
    return all;
  }
}
