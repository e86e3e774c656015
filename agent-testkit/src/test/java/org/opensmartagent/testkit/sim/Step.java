package org.opensmartagent.testkit.sim;

import java.time.Duration;

/**
 * One step of a simulated device life. {@code a} and {@code b} are the step's parameters; their
 * meaning depends on the kind (see {@link #toString()}, which is what a reproduction prints).
 */
record Step(Kind kind, long a, long b) {
  enum Kind {
    ENABLE,
    REQUEST,
    RELEASE,
    REGISTER,
    DEREGISTER,
    RENEW_AUTH,
    RENEW_ID,
    RESERVE,
    RETURN,
    POWER_CYCLE,
    UPGRADE,
    CLOCK_JUMP,
    NTP_CORRECT,
    STORE_FAULT,
    SERVER_FAULT,
    OUTAGE,
    ADVANCE
  }

  /** Server fault kinds, {@code a} of a SERVER_FAULT step. */
  static final String[] SERVER_FAULTS = {
    "503",
    "503 with Retry-After",
    "dropped connection",
    "malformed answer",
    "try again later",
    "slow"
  };

  static Step of(Kind kind) {
    return new Step(kind, 0, 0);
  }

  Duration duration() {
    return Duration.ofSeconds(b);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case REQUEST -> "request " + Life.FEATURES.get((int) a) + " x" + b;
      case RELEASE -> "release " + Life.FEATURES.get((int) a);
      case REGISTER -> a == 1 ? "register (force)" : "register";
      case RESERVE -> a == 1 ? "reserve UNIVERSAL" : "reserve SPECIFIC";
      case POWER_CYCLE -> "power cycle, off for " + duration();
      case UPGRADE -> "firmware upgrade to policy " + Life.POLICY_NAMES[(int) a];
      case CLOCK_JUMP -> "clock jumps " + (a < 0 ? "back " : "forward ") + Duration.ofSeconds(b);
      case STORE_FAULT ->
          (a == 1 ? "store: save written then fails (" : "store: disk full (") + b + " saves)";
      case SERVER_FAULT -> "server: " + SERVER_FAULTS[(int) a] + " x" + b;
      case OUTAGE -> "server unreachable for " + duration();
      case ADVANCE -> "advance " + duration();
      default -> kind.name().toLowerCase().replace('_', ' ');
    };
  }
}
