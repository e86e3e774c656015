package org.opensmartagent.core.transport;

/** The kinds of signed protocol message; see {@code docs/protocol.md}. */
public enum MessageType {
  REGISTER_REQUEST,
  REGISTER_RESPONSE,
  AUTHORIZE_REQUEST,
  AUTHORIZE_RESPONSE,
  RENEW_ID_REQUEST,
  RENEW_ID_RESPONSE,
  DEREGISTER_REQUEST,
  DEREGISTER_RESPONSE,
  /** The server is busy; the payload may carry a retry-after in seconds. */
  TRY_AGAIN_LATER
}
