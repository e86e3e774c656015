package org.opensmartagent.core;

import java.nio.charset.StandardCharsets;

/**
 * The contract every parser of outside input keeps under fuzzing: it returns, or it throws one of
 * its documented exception types with a message that says something. Anything else (an {@link
 * Error}, a {@link NullPointerException}, an undocumented {@link RuntimeException}, an empty
 * message) fails the fuzz test, and Jazzer keeps the input.
 */
public final class Contract {
  private Contract() {}

  /** A parse step that may throw anything. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  /** Runs {@code step}; lets only {@code documented} exceptions with a message through. */
  @SafeVarargs
  public static void holds(Step step, Class<? extends Throwable>... documented) {
    try {
      step.run();
    } catch (Throwable t) {
      for (Class<? extends Throwable> type : documented) {
        if (type == t.getClass() || isSubclass(t, type)) {
          if (t.getMessage() == null || t.getMessage().isBlank()) {
            throw new AssertionError(t.getClass().getName() + " without a message", t);
          }
          return;
        }
      }
      throw new AssertionError("undocumented " + t.getClass().getName() + ": " + t, t);
    }
  }

  private static boolean isSubclass(Throwable t, Class<? extends Throwable> type) {
    // NullPointerException and friends are IllegalArgumentException's siblings, not subclasses,
    // so a documented IllegalArgumentException never lets them through.
    return type.isInstance(t) && !(t instanceof NullPointerException);
  }

  /** Fuzzer bytes as text, the way an operator's paste or a file would arrive. */
  public static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }
}
