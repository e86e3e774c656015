package org.opensmartagent.testkit.internal.portal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What the portal answers: a status, headers and a body. Immutable. */
record PortalResponse(int status, Map<String, String> headers, byte[] body) {
  PortalResponse {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body == null");
  }

  static PortalResponse html(int status, String html) {
    return new PortalResponse(
        status,
        Map.of("Content-Type", "text/html; charset=utf-8"),
        html.getBytes(StandardCharsets.UTF_8));
  }

  static PortalResponse text(int status, String text) {
    return new PortalResponse(
        status,
        Map.of("Content-Type", "text/plain; charset=utf-8"),
        (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** A 303 to {@code location} (a path under /portal), after a form post. */
  static PortalResponse seeOther(String location) {
    return new PortalResponse(303, Map.of("Location", location), new byte[0]);
  }

  PortalResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new PortalResponse(status, h, body);
  }
}
