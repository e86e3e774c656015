package org.opensmartagent.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** An HTTP status with a body and its content type, as the admin API produces it. Immutable. */
public record HttpAnswer(int status, String contentType, byte[] body) {
  public HttpAnswer {
    Objects.requireNonNull(contentType, "contentType == null");
    body = body.clone();
  }

  /** A plain-text answer. */
  public static HttpAnswer text(int status, String message) {
    return new HttpAnswer(
        status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
