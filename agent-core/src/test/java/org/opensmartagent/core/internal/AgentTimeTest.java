package org.opensmartagent.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.ProductPolicy;

/**
 * The agent's trusted time, reading by reading: a wall clock the test sets and a monotonic ticker
 * it advances separately, so a clock change is a wall-clock move the ticker did not see.
 */
@Timeout(10)
class AgentTimeTest {
  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
  private static final ProductPolicy P =
      ProductPolicy.builder()
          .productName("Test Product")
          .entitlement(EntitlementDefinition.base("Base_Tag", "Base"))
          .build();

  /** A wall clock and a ticker that move only when told. */
  private static final class Device extends Clock {
    Instant wall = T;
    long nanos = 1_000_000_000L;

    /** Time passes: both the wall clock and the ticker move. */
    void runFor(Duration d) {
      wall = wall.plus(d);
      nanos += d.toNanos();
    }

    /** Someone sets the clock: only the wall clock moves. */
    void setClock(Instant to) {
      wall = to;
    }

    @Override
    public Instant instant() {
      return wall;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private final Device device = new Device();
  private final AgentState s = AgentState.fresh(P);
  private AgentTime time = new AgentTime(device, () -> device.nanos);

  @Test
  void theFirstReadingTakesTheWallClockAsItIsAndReportsNoJump() {
    AgentTime.Reading r = time.read(s);

    assertThat(r.now()).isEqualTo(T);
    assertThat(r.raw()).isEqualTo(T);
    assertThat(r.jumped()).isEmpty();
    assertThat(s.lastTrustedTime).isEqualTo(T);
    assertThat(s.clockOffset).isZero();
  }

  @Test
  void timeThatPassesOnBothClocksIsNoJump() {
    time.read(s);
    device.runFor(Duration.ofHours(5));

    AgentTime.Reading r = time.read(s);

    assertThat(r.now()).isEqualTo(T.plus(Duration.ofHours(5)));
    assertThat(r.jumped()).isEmpty();
    assertThat(s.lastTrustedTime).isEqualTo(T.plus(Duration.ofHours(5)));
  }

  @Test
  void aForwardMoveOfTwoSecondsIsAJumpAndLessIsDrift() {
    time.read(s);
    device.runFor(Duration.ofMinutes(1));
    device.setClock(device.wall.plus(AgentTime.JUMP).minusNanos(1));

    AgentTime.Reading drift = time.read(s);

    assertThat(drift.jumped()).isEmpty();
    assertThat(drift.now())
        .isEqualTo(T.plus(Duration.ofMinutes(1)).plus(AgentTime.JUMP).minusNanos(1));

    device.runFor(Duration.ofMinutes(1));
    device.setClock(device.wall.plus(AgentTime.JUMP));
    AgentTime.Reading jump = time.read(s);

    assertThat(jump.jumped()).contains(AgentTime.JUMP);
    assertThat(jump.forward()).contains(AgentTime.JUMP);
    assertThat(jump.rolledBack()).isEmpty();
    // a forward jump is taken as it is: agent time is the wall clock, nothing is absorbed
    assertThat(jump.now()).isEqualTo(device.wall);
    assertThat(s.clockOffset).isZero();
  }

  @Test
  void aClockSetBackIsAbsorbedAgentTimeGoesOnFromTheTicker() {
    time.read(s);
    device.runFor(Duration.ofMinutes(10));
    device.setClock(device.wall.minus(Duration.ofDays(3)));

    AgentTime.Reading r = time.read(s);

    Instant expected = T.plus(Duration.ofMinutes(10));
    assertThat(r.now()).isEqualTo(expected);
    assertThat(r.raw()).isEqualTo(expected.minus(Duration.ofDays(3)));
    assertThat(r.jumped()).contains(Duration.ofDays(3).negated());
    assertThat(r.rolledBack()).contains(Duration.ofDays(3));
    assertThat(r.forward()).isEmpty();
    assertThat(s.clockOffset).isEqualTo(Duration.ofDays(3));
    assertThat(s.lastTrustedTime).isEqualTo(expected);

    // afterwards agent time runs with the wall clock again, three days ahead of it, no new jump
    device.runFor(Duration.ofHours(1));
    AgentTime.Reading later = time.read(s);
    assertThat(later.now()).isEqualTo(expected.plus(Duration.ofHours(1)));
    assertThat(later.jumped()).isEmpty();
  }

  @Test
  void acrossARestartTheStoredLastTrustedTimeIsTheFloor() {
    device.runFor(Duration.ofDays(2));
    time.read(s);
    // power off; the clock comes back a day behind what the agent last saw; a new process
    device.setClock(T.plus(Duration.ofDays(1)));
    device.nanos = 5; // the ticker restarts too
    time = new AgentTime(device, () -> device.nanos);

    AgentTime.Reading r = time.read(s);

    assertThat(r.now()).isEqualTo(T.plus(Duration.ofDays(2)));
    assertThat(r.rolledBack()).contains(Duration.ofDays(1));
    assertThat(s.clockOffset).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void aNewProcessWhoseClockIsAheadReportsNoJump() {
    time.read(s);
    device.setClock(T.plus(Duration.ofDays(30)));
    time = new AgentTime(device, () -> device.nanos);

    AgentTime.Reading r = time.read(s);

    // without an anchor the agent cannot tell a jump from time spent switched off
    assertThat(r.now()).isEqualTo(T.plus(Duration.ofDays(30)));
    assertThat(r.jumped()).isEmpty();
  }

  @Test
  void aTickerThatGoesBackwardsAddsNoTimeAndTakesNoneAway() {
    time.read(s);
    // a commit whose save failed: the reading was taken on a copy that is thrown away, so the
    // stored state still has its old floor while this process's anchor moved on
    AgentState stored = AgentState.fresh(P);
    device.nanos -= Duration.ofHours(1).toNanos();
    device.setClock(T.minus(Duration.ofMinutes(1)));

    AgentTime.Reading r = time.read(stored);

    // the floor is the last reading, not an hour before it
    assertThat(r.now()).isEqualTo(T);
    assertThat(r.rolledBack()).contains(Duration.ofMinutes(1));
  }

  @Test
  void theServersTimeAheadOfTheClockBecomesAgentTime() {
    time.read(s);
    device.runFor(Duration.ofMinutes(1));
    Instant server = device.wall.plus(Duration.ofMinutes(3));

    Instant trusted = time.resync(s, server);

    assertThat(trusted).isEqualTo(server);
    assertThat(s.clockOffset).isEqualTo(Duration.ofMinutes(3));
    assertThat(s.lastTrustedTime).isEqualTo(server);
    // the next reading goes on from the server's time, with no jump
    device.runFor(Duration.ofSeconds(10));
    AgentTime.Reading r = time.read(s);
    assertThat(r.now()).isEqualTo(server.plusSeconds(10));
    assertThat(r.jumped()).isEmpty();
  }

  @Test
  void aResyncDropsTheOffsetOfAForwardJumpThatWasCorrected() {
    time.read(s);
    device.setClock(T.plus(Duration.ofDays(400))); // a forward jump ...
    time.read(s);
    device.setClock(T.plus(Duration.ofHours(1))); // ... that NTP corrects
    time.read(s);
    assertThat(s.clockOffset).isPositive();

    Instant server = T.plus(Duration.ofHours(1)).minusSeconds(30);
    Instant trusted = time.resync(s, server);

    // the server's time behind the wall clock: the wall clock wins, the poison is gone
    assertThat(trusted).isEqualTo(T.plus(Duration.ofHours(1)));
    assertThat(s.clockOffset).isZero();
    assertThat(s.lastTrustedTime).isEqualTo(T.plus(Duration.ofHours(1)));
    device.runFor(Duration.ofMinutes(5));
    assertThat(time.read(s).now())
        .isEqualTo(T.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(5)));
  }

  @Test
  void aPeekSeesWhatAReadingWouldButChangesNothing() {
    time.read(s);
    device.runFor(Duration.ofMinutes(10));
    device.setClock(device.wall.minus(Duration.ofDays(1)));

    assertThat(time.peek(s)).isEqualTo(T.plus(Duration.ofMinutes(10)));
    assertThat(s.clockOffset).isZero();
    assertThat(s.lastTrustedTime).isEqualTo(T);

    device.setClock(T.plus(Duration.ofDays(2)));
    assertThat(time.peek(s)).isEqualTo(T.plus(Duration.ofDays(2)));
    assertThat(s.lastTrustedTime).isEqualTo(T);
  }

  @Test
  void aPeekAfterARestartNeverGoesBelowTheStoredFloor() {
    s.lastTrustedTime = T.plus(Duration.ofDays(5));

    assertThat(time.peek(s)).isEqualTo(T.plus(Duration.ofDays(5)));
    s.clockOffset = Duration.ofDays(6);
    assertThat(time.peek(s)).isEqualTo(T.plus(Duration.ofDays(6)));
  }
}
