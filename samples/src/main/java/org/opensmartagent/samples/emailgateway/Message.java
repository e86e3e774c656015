package org.opensmartagent.samples.emailgateway;

import java.util.Objects;

/** A mail message, reduced to what the demo stages look at. Immutable. */
public record Message(String from, String subject, String body) {
  public Message {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(body, "body == null");
  }
}
