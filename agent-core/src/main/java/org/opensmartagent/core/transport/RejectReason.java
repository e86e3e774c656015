package org.opensmartagent.core.transport;

/** Why the license server said no. A rejection is final: the agent does not retry it. */
public enum RejectReason {
  TOKEN_INVALID(
      "The registration token is not known to the license server; check it was copied whole"),
  TOKEN_EXPIRED("The registration token has expired; create a new token in the virtual account"),
  TOKEN_REVOKED("The registration token was revoked; create a new token in the virtual account"),
  TOKEN_USED_UP("The registration token reached its maximum number of uses; create a new token"),
  ALREADY_REGISTERED(
      "This product instance is already registered; register with force to replace it"),
  INSTANCE_LIMIT_REACHED(
      "The account reached its limit of product instances; deregister unused instances"),
  INSTANCE_UNKNOWN(
      "The license server does not know this product instance; register the product again"),
  VERSION_MISMATCH("The license server does not speak this agent's message version; upgrade"),
  CERTIFICATE_INVALID("The license server refused the device's ID certificate; register again"),
  BAD_REQUEST("The license server could not accept the request"),
  OTHER("The license server refused the request");

  private final String advice;

  RejectReason(String advice) {
    this.advice = advice;
  }

  /** What happened and what to do, for an operator. */
  public String advice() {
    return advice;
  }
}
