package org.opensmartagent.cli.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.EnforcementMode;

/**
 * The SUMMARY screen in the current AsyncOS layout: a {@code FeatureName} / {@code
 * LicenseAuthorizationStatus} header, then one row per license in use, the feature name first and
 * its status words after it, separated by spaces only (the feature column is as wide as the longest
 * name plus three spaces). With nothing in use: {@code There are no active licenses to display}.
 */
public final class SummaryScreen {
  static final String EMPTY = "There are no active licenses to display";
  private static final String FEATURE = "FeatureName";
  private static final String STATUS = "LicenseAuthorizationStatus";

  private SummaryScreen() {}

  public static List<String> render(AgentStatus s) {
    List<AgentStatus.Entitlement> rows =
        s.entitlements().stream().filter(e -> e.mode() != EnforcementMode.DISABLED).toList();
    if (rows.isEmpty()) {
      return List.of(EMPTY);
    }
    int width = FEATURE.length();
    for (AgentStatus.Entitlement e : rows) {
      width = Math.max(width, e.displayName().length());
    }
    String row = "%-" + (width + 3) + "s%s";
    List<String> lines = new ArrayList<>();
    lines.add(String.format(row, FEATURE, STATUS));
    for (AgentStatus.Entitlement e : rows) {
      lines.add(String.format(row, e.displayName(), e.mode().displayName()));
    }
    return List.copyOf(lines);
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
