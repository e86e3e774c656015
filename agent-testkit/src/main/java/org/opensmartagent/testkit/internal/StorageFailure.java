package org.opensmartagent.testkit.internal;

/**
 * The server's store refused a change (a database failure, a state file that cannot be written):
 * the change was not made, in the store nor in memory. The message says what to check. The admin
 * API answers it with HTTP 503, a device with HTTP 500 (it retries).
 */
public class StorageFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
