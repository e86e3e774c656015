package org.opensmartagent.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.opensmartagent.core.transport.RejectReason;

/**
 * How a licensing operation that talks to the license server ended. Misuse (an operation not valid
 * in the current state, bad input) is not a result: it throws {@link IllegalStateException} or
 * {@link IllegalArgumentException}.
 */
public record OperationResult(
    Operation operation,
    Outcome outcome,
    String message,
    Optional<RejectReason> rejectReason,
    Optional<Instant> nextRetry) {

  /** The operations that talk to the license server. */
  public enum Operation {
    REGISTER,
    RENEW_AUTHORIZATION,
    RENEW_ID,
    DEREGISTER
  }

  /** How it ended. */
  public enum Outcome {
    /** Done. */
    SUCCEEDED,
    /** The license server said no; retrying will not help until something changes. */
    REJECTED,
    /** No answer from the license server; the agent retries at {@link #nextRetry()}. */
    COMMUNICATION_FAILED
  }

  public OperationResult {
    Objects.requireNonNull(operation, "operation == null");
    Objects.requireNonNull(outcome, "outcome == null");
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(rejectReason, "rejectReason == null");
    Objects.requireNonNull(nextRetry, "nextRetry == null");
  }

  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED;
  }

  public static OperationResult success(Operation op, String message) {
    return new OperationResult(op, Outcome.SUCCEEDED, message, Optional.empty(), Optional.empty());
  }

  public static OperationResult rejected(Operation op, RejectReason reason, String message) {
    return new OperationResult(
        op, Outcome.REJECTED, message, Optional.of(reason), Optional.empty());
  }

  public static OperationResult communicationFailed(
      Operation op, String message, Optional<Instant> nextRetry) {
    return new OperationResult(
        op, Outcome.COMMUNICATION_FAILED, message, Optional.empty(), nextRetry);
  }

  @Override
  public String toString() {
    return operation + " " + outcome + ": " + message;
  }
}
