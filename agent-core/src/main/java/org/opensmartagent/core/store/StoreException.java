package org.opensmartagent.core.store;

import java.io.IOException;

/**
 * The store could not be read, written or locked. The message says what happened, where, and what
 * the operator can do about it; the cause, when present, is the underlying I/O failure.
 */
public class StoreException extends IOException {

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
