package org.opensmartagent.core.protocol;

/** A payload that is not a well-formed message of the expected type; says what is wrong. */
public final class ProtocolException extends Exception {
  public ProtocolException(String message) {
    super(message);
  }

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
