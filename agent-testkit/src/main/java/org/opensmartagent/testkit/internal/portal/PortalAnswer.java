package org.opensmartagent.testkit.internal.portal;

import java.util.Map;

/** The portal's answer to one request: status, headers and body, for the dispatcher to send. */
public record PortalAnswer(int status, Map<String, String> headers, byte[] body) {
  public PortalAnswer {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
