package org.opensmartagent.testkit.internal;

/**
 * A request the server cannot read well enough to answer in the protocol (no nonce to echo, an
 * unknown type, a broken envelope); the dispatcher answers HTTP 400 with this message.
 */
public final class BadRequestException extends Exception {
  public BadRequestException(String message) {
    super(message);
  }

  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
