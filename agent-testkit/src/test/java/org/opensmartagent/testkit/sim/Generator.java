package org.opensmartagent.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.opensmartagent.testkit.sim.Step.Kind;

/** Draws a device life from a seed: the same seed always gives the same steps. */
final class Generator {
  private static final long MINUTE = 60;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private Generator() {}

  static List<Step> life(long seed) {
    return life(seed, Set.of());
  }

  /** A life without steps of the {@code excluded} kinds (each one drawn is drawn again). */
  static List<Step> life(long seed, Set<Kind> excluded) {
    SplittableRandom r = new SplittableRandom(seed);
    int length = 15 + r.nextInt(40);
    List<Step> steps = new ArrayList<>();
    steps.add(Step.of(Kind.ENABLE));
    while (steps.size() < length) {
      Step s = step(r);
      if (!excluded.contains(s.kind())) {
        steps.add(s);
      }
    }
    return steps;
  }

  private static Step step(SplittableRandom r) {
    int w = r.nextInt(100);
    if (w < 14) {
      return new Step(Kind.REQUEST, r.nextInt(Life.FEATURES.size()), 1 + r.nextInt(5));
    } else if (w < 20) {
      return new Step(Kind.RELEASE, r.nextInt(Life.FEATURES.size()), 0);
    } else if (w < 27) {
      return new Step(Kind.REGISTER, r.nextInt(4) == 0 ? 1 : 0, 0);
    } else if (w < 29) {
      return Step.of(Kind.DEREGISTER);
    } else if (w < 33) {
      return Step.of(Kind.RENEW_AUTH);
    } else if (w < 35) {
      return Step.of(Kind.RENEW_ID);
    } else if (w < 37) {
      return new Step(Kind.RESERVE, r.nextInt(2), 0);
    } else if (w < 39) {
      return Step.of(Kind.RETURN);
    } else if (w < 44) {
      return new Step(Kind.POWER_CYCLE, 0, r.nextInt(3) == 0 ? r.nextLong(1, 40 * DAY) : 0);
    } else if (w < 46) {
      return new Step(Kind.UPGRADE, r.nextInt(Life.POLICY_NAMES.length), 0);
    } else if (w < 50) {
      long by =
          switch (r.nextInt(3)) {
            case 0 -> r.nextLong(1, 2 * HOUR);
            case 1 -> r.nextLong(1, 30 * DAY);
            default -> r.nextLong(1, 400 * DAY);
          };
      return new Step(Kind.CLOCK_JUMP, r.nextBoolean() ? 1 : -1, by);
    } else if (w < 53) {
      return Step.of(Kind.NTP_CORRECT);
    } else if (w < 58) {
      return new Step(Kind.STORE_FAULT, r.nextInt(2), 1 + r.nextInt(3));
    } else if (w < 64) {
      return new Step(Kind.SERVER_FAULT, r.nextInt(Step.SERVER_FAULTS.length), 1 + r.nextInt(4));
    } else if (w < 66) {
      return new Step(Kind.OUTAGE, 0, r.nextLong(1 * DAY, 200 * DAY));
    } else {
      long d =
          switch (r.nextInt(5)) {
            case 0 -> r.nextLong(1, MINUTE);
            case 1 -> r.nextLong(MINUTE, 2 * HOUR);
            case 2 -> r.nextLong(HOUR, 2 * DAY);
            case 3 -> r.nextLong(DAY, 20 * DAY);
            default -> r.nextLong(20 * DAY, 60 * DAY);
          };
      return new Step(Kind.ADVANCE, 0, d);
    }
  }
}
