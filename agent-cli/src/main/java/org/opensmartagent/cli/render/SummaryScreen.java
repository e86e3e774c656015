package org.opensmartagent.cli.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.EnforcementMode;

/** The SUMMARY screen: one row per license. */
public final class SummaryScreen {
  static final String ROW = "%-28s %-28s %-26s %s";

  private SummaryScreen() {}

  public static List<String> render(AgentStatus s) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            ROW, "FeatureName", "LicenseAuthorizationStatus", "AuthorizationExpiryDate", "Count"));
    for (AgentStatus.Entitlement e : s.entitlements()) {
      lines.add(
          String.format(
              ROW,
              e.displayName(),
              e.mode().displayName(),
              expiry(s, e).map(Times::format).orElse("N/A"),
              e.count()));
    }
    return lines;
  }

  /**
   * When the license's authorization ends: the end of its grace period when out of compliance, the
   * communication deadline while authorized by the server, nothing otherwise.
   */
  public static Optional<Instant> expiry(AgentStatus s, AgentStatus.Entitlement e) {
    if (e.graceEnds().isPresent()) {
      return e.graceEnds();
    }
    if (e.mode().isVerdict() || e.mode() == EnforcementMode.AUTHORIZED) {
      return s.authorization().communicationDeadline();
    }
    return Optional.empty();
  }
}
