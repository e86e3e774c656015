package org.opensmartagent.testkit;

/**
 * The license server refuses a well-formed reservation operation: too few licenses in the pool, a
 * confirmation code that does not match, a return code already used or matching no reservation. The
 * message says what is wrong and what to do. The admin HTTP API answers it with 409, while other
 * {@link IllegalArgumentException}s (malformed input) are 400.
 */
public final class ReservationRefusedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ReservationRefusedException(String message) {
    super(message);
  }
}
