package org.opensmartagent.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shortens a failing life: removes chunks of steps, halving the chunk size, as long as the life
 * still breaks the same invariant (delta debugging, in its simplest form). Bounded by a number of
 * re-runs and by a deadline ({@link System#nanoTime()}).
 */
final class Shrinker {
  private Shrinker() {}

  record Shrunk(List<Step> steps, Life.Failure failure, int runs) {}

  static Shrunk shrink(
      World world, long seed, List<Step> steps, Life.Failure failure, int maxRuns, long deadline) {
    List<Step> best = new ArrayList<>(steps);
    Life.Failure bestFailure = failure;
    int runs = 0;
    for (int chunk = Math.max(1, best.size() / 2);
        chunk >= 1 && runs < maxRuns && System.nanoTime() < deadline;
        chunk /= 2) {
      for (int from = 0; from < best.size() && runs < maxRuns && System.nanoTime() < deadline; ) {
        List<Step> candidate = new ArrayList<>(best);
        candidate.subList(from, Math.min(best.size(), from + chunk)).clear();
        runs++;
        Optional<Life.Failure> f = Life.run(world, seed, candidate);
        if (f.isPresent() && f.get().category().equals(failure.category())) {
          best = candidate;
          bestFailure = f.get();
        } else {
          from += chunk;
        }
      }
    }
    return new Shrunk(best, bestFailure, runs);
  }

  /** A reproduction to paste into a report: the seed and the numbered steps. */
  static String describe(long seed, int originalLength, Shrunk s) {
    StringBuilder b = new StringBuilder();
    b.append("seed ")
        .append(seed)
        .append(": ")
        .append(s.failure().message())
        .append("\n  shrunk from ")
        .append(originalLength)
        .append(" to ")
        .append(s.steps().size())
        .append(" steps (")
        .append(s.runs())
        .append(" re-runs); fails at ")
        .append(
            s.failure().step() < 0 ? "the final quiet time" : "step " + (s.failure().step() + 1))
        .append(":\n");
    for (int i = 0; i < s.steps().size(); i++) {
      b.append("    ").append(i + 1).append(". ").append(s.steps().get(i)).append('\n');
    }
    return b.toString();
  }
}
