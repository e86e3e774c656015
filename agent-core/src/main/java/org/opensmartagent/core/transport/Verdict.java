package org.opensmartagent.core.transport;

import java.util.Objects;
import org.opensmartagent.core.EntitlementTag;

/** The server's answer for one entitlement of a usage report. */
public record Verdict(EntitlementTag tag, Kind kind, String reason) {
  /** The server's verdict on one entitlement. */
  public enum Kind {
    AUTHORIZED,
    OUT_OF_COMPLIANCE,
    OVERAGE,
    INVALID_TAG
  }

  public Verdict {
    Objects.requireNonNull(tag, "tag == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(reason, "reason == null");
  }
}
