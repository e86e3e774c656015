package org.opensmartagent.cli;

import org.opensmartagent.core.OperationResult;

/** The exit codes of {@code license_smart}, as documented in docs/cli.md. */
public final class ExitCodes {
  /** Done. */
  public static final int OK = 0;

  /** Something unexpected (a bug, or a file the shell cannot write). */
  public static final int INTERNAL = 1;

  /** Bad usage or input: an unknown option, a malformed token, UDI, code or file. */
  public static final int USAGE = 2;

  /** The license server refused the operation. */
  public static final int REJECTED = 3;

  /** The license server could not be reached; the agent retries on its own. */
  public static final int COMMUNICATION = 4;

  /** The operation is not valid in the device's current state. */
  public static final int STATE = 5;

  /**
   * The license server answered, but its signature does not chain to the pinned licensing root (the
   * wrong {@code --root}, or the wrong server).
   */
  public static final int UNTRUSTED_SIGNATURE = 6;

  /**
   * The TLS handshake with the license server failed (its CA is not trusted: {@code --trusted-ca}).
   */
  public static final int TLS = 7;

  private ExitCodes() {}

  public static int of(OperationResult.Outcome outcome) {
    return switch (outcome) {
      case SUCCEEDED -> OK;
      case REJECTED -> REJECTED;
      case COMMUNICATION_FAILED -> COMMUNICATION;
    };
  }

  /** The code for a command that ended with {@code e}. */
  public static int of(Throwable e) {
    if (e instanceof IllegalArgumentException) {
      return USAGE;
    }
    if (e instanceof IllegalStateException) {
      return STATE;
    }
    return INTERNAL;
  }
}
