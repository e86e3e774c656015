package org.opensmartagent.core.internal;

import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.RegistrationState;

/**
 * The one place where any of the three state axes moves. Each move is checked against the enum's
 * table of allowed moves and raises its transition event; a move the table does not allow is a bug
 * in the engine and fails the whole commit, leaving the stored state as it was.
 */
final class Transitions {
  private Transitions() {}

  static void registration(AgentState s, RegistrationState to, Events events) {
    RegistrationState from = s.registration;
    if (!moves("registration", from, to, from.canMoveTo(to))) {
      return;
    }
    s.registration = to;
    events.add(
        EventCode.REGISTRATION_STATE_CHANGED,
        "Registration: " + from.displayName() + " -> " + to.displayName(),
        "from",
        from,
        "to",
        to);
  }

  static void authorization(AgentState s, AuthorizationState to, Events events) {
    AuthorizationState from = s.authorization;
    if (!moves("authorization", from, to, from.canMoveTo(to))) {
      return;
    }
    s.authorization = to;
    events.add(
        EventCode.AUTHORIZATION_STATE_CHANGED,
        "License authorization: " + from.displayName() + " -> " + to.displayName(),
        "from",
        from,
        "to",
        to);
  }

  static void entitlement(EntitlementState e, EnforcementMode to, Events events) {
    EnforcementMode from = e.mode;
    if (!moves("entitlement " + e.tag, from, to, from.canMoveTo(to))) {
      return;
    }
    e.mode = to;
    events.add(
        EventCode.ENTITLEMENT_ENFORCE_MODE_CHANGED,
        e.tag.name() + ": " + from.displayName() + " -> " + to.displayName(),
        "tag",
        e.tag,
        "from",
        from,
        "to",
        to);
  }

  /** False for no move; true for an allowed one; throws for one the table refuses. */
  private static boolean moves(String axis, Enum<?> from, Enum<?> to, boolean allowed) {
    if (from == to) {
      return false;
    }
    if (!allowed) {
      throw refused(axis, from, to);
    }
    return true;
  }

  private static IllegalStateException refused(String axis, Enum<?> from, Enum<?> to) {
    return new IllegalStateException(
        "Refused "
            + axis
            + " transition "
            + from
            + " -> "
            + to
            + ": not in the table of allowed moves. This is a bug in the agent; the change was"
            + " not applied and the stored state is unchanged.");
  }
}
