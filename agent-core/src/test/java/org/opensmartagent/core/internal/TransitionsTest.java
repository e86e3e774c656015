package org.opensmartagent.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.RegistrationState;

/**
 * Every pair of states on all three axes: an allowed move happens and raises its event; any other
 * is refused with a message naming both states, and nothing changes.
 */
class TransitionsTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void everyRegistrationMoveFollowsTheTable() {
    for (RegistrationState from : RegistrationState.values()) {
      for (RegistrationState to : RegistrationState.values()) {
        AgentState s = new AgentState();
        s.registration = from;
        Events ev = new Events(T);
        if (from == to) {
          Transitions.registration(s, to, ev);
          assertThat(ev.list()).isEmpty();
        } else if (from.canMoveTo(to)) {
          Transitions.registration(s, to, ev);
          assertThat(s.registration).isEqualTo(to);
          assertMoved(ev, EventCode.REGISTRATION_STATE_CHANGED, from, to);
        } else {
          assertThatThrownBy(() -> Transitions.registration(s, to, ev))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining(from + " -> " + to)
              .hasMessageContaining("stored state is unchanged");
          assertThat(s.registration).isEqualTo(from);
          assertThat(ev.list()).isEmpty();
        }
      }
    }
  }

  @Test
  void everyAuthorizationMoveFollowsTheTable() {
    for (AuthorizationState from : AuthorizationState.values()) {
      for (AuthorizationState to : AuthorizationState.values()) {
        AgentState s = new AgentState();
        s.authorization = from;
        Events ev = new Events(T);
        if (from != to && from.canMoveTo(to)) {
          Transitions.authorization(s, to, ev);
          assertThat(s.authorization).isEqualTo(to);
          assertMoved(ev, EventCode.AUTHORIZATION_STATE_CHANGED, from, to);
        } else if (from != to) {
          assertThatThrownBy(() -> Transitions.authorization(s, to, ev))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining(from + " -> " + to);
          assertThat(s.authorization).isEqualTo(from);
        }
      }
    }
  }

  @Test
  void everyEntitlementMoveFollowsTheTable() {
    for (EnforcementMode from : EnforcementMode.values()) {
      for (EnforcementMode to : EnforcementMode.values()) {
        EntitlementState e = new EntitlementState(EntitlementTag.parse("X"), CountUnit.DEVICES);
        e.mode = from;
        Events ev = new Events(T);
        if (from != to && from.canMoveTo(to)) {
          Transitions.entitlement(e, to, ev);
          assertThat(e.mode).isEqualTo(to);
          assertMoved(ev, EventCode.ENTITLEMENT_ENFORCE_MODE_CHANGED, from, to);
        } else if (from != to) {
          assertThatThrownBy(() -> Transitions.entitlement(e, to, ev))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("entitlement X")
              .hasMessageContaining(from + " -> " + to);
          assertThat(e.mode).isEqualTo(from);
        }
      }
    }
  }

  @Test
  void everyStateIsReachableFromTheStartAndCanBeLeft() {
    assertThat(reachable(RegistrationState.UNREGISTERED, RegistrationState::allowedNext))
        .containsExactlyInAnyOrder(RegistrationState.values());
    assertThat(reachable(AuthorizationState.NONE, AuthorizationState::allowedNext))
        .containsExactlyInAnyOrder(AuthorizationState.values());
    assertThat(reachable(EnforcementMode.DISABLED, EnforcementMode::allowedNext))
        .containsExactlyInAnyOrder(EnforcementMode.values());
    for (RegistrationState s : RegistrationState.values()) {
      assertThat(s.allowedNext()).as(s.name()).isNotEmpty().doesNotContain(s);
      assertThat(s.displayName()).isNotBlank();
    }
    for (AuthorizationState s : AuthorizationState.values()) {
      assertThat(s.allowedNext()).as(s.name()).isNotEmpty().doesNotContain(s);
      assertThat(s.displayName()).isNotBlank();
    }
    for (EnforcementMode s : EnforcementMode.values()) {
      if (s != EnforcementMode.DISABLED) {
        assertThat(s.allowedNext()).as(s.name()).isNotEmpty();
      }
      assertThat(s.allowedNext()).doesNotContain(s);
      assertThat(s.displayName()).isNotBlank();
    }
  }

  private static <E extends Enum<E>> Set<E> reachable(E start, Function<E, Set<E>> next) {
    Set<E> seen = EnumSet.of(start);
    Deque<E> todo = new ArrayDeque<>(Set.of(start));
    while (!todo.isEmpty()) {
      for (E n : next.apply(todo.poll())) {
        if (seen.add(n)) {
          todo.add(n);
        }
      }
    }
    return seen;
  }

  private static void assertMoved(Events ev, EventCode code, Enum<?> from, Enum<?> to) {
    assertThat(ev.list()).hasSize(1);
    AgentEvent e = ev.list().get(0);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.details()).containsEntry("from", from.name()).containsEntry("to", to.name());
  }
}
