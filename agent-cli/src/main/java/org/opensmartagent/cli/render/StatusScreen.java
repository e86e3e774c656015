package org.opensmartagent.cli.render;

import java.util.ArrayList;
import java.util.List;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.RegistrationState;

/** The STATUS screen, section by section as on the device. */
public final class StatusScreen {
  private final List<String> lines = new ArrayList<>();

  private StatusScreen() {}

  /** The screen's lines for {@code s}, with {@code transport} as configured. */
  public static List<String> render(AgentStatus s, TransportView transport) {
    StatusScreen screen = new StatusScreen();
    screen.header(s);
    screen.registration(s.registration());
    screen.authorization(s);
    screen.conversion(s);
    screen.transport(transport);
    screen.evaluation(s.evaluation());
    screen.usage(s);
    screen.product(s);
    screen.section("Agent Version");
    screen.lines.add("Smart Agent for Licensing: " + s.agentVersion());
    screen.reservation(s);
    return List.copyOf(screen.lines);
  }

  /** The one line the shell shows above its menu. */
  public static String statusLine(AgentStatus s) {
    return "Smart Licensing is "
        + (s.enabled() ? "ENABLED" : "DISABLED")
        + "; Registration: "
        + s.registration().state().displayName()
        + "; License Authorization: "
        + s.authorization().state().displayName();
  }

  private void header(AgentStatus s) {
    lines.add("Smart Licensing is " + (s.enabled() ? "ENABLED" : "DISABLED"));
  }

  private void registration(AgentStatus.Registration r) {
    block("Registration:");
    field("Status", r.state().displayName().toUpperCase(java.util.Locale.ROOT));
    if (r.state() == RegistrationState.REGISTERED || r.smartAccount().isPresent()) {
      field("Smart Account", r.smartAccount().orElse(""));
      field("Virtual Account", r.virtualAccount().orElse(""));
      field("Export-Controlled Functionality", r.exportControlled() ? "Allowed" : "Not Allowed");
      field(
          "Initial Registration",
          r.initialRegistration().map(t -> "SUCCEEDED on " + Times.format(t)).orElse("None"));
      field("Last Renewal Attempt", Times.format(r.lastRenewalAttempt(), "None"));
      field("Next Renewal Attempt", Times.format(r.nextRenewalAttempt(), "None"));
      field("Registration Expires", Times.format(r.registrationExpires(), "None"));
    }
    r.lastFailure().ifPresent(f -> field("Last Failure", f));
  }

  private void authorization(AgentStatus s) {
    AgentStatus.Authorization a = s.authorization();
    block("License Authorization:");
    field("Status", a.state().displayName());
    if (s.evaluation().available()
        && (a.state() == AuthorizationState.EVALUATION
            || a.state() == AuthorizationState.NONE
            || a.state() == AuthorizationState.EVALUATION_EXPIRED)) {
      field("Evaluation Period Remaining", Times.format(s.evaluation().remaining()));
    }
    field("Last Communication Attempt", Times.format(a.lastCommunicationAttempt(), "None"));
    field("Next Communication Attempt", Times.format(a.nextCommunicationAttempt(), "None"));
    field("Communication Deadline", Times.format(a.communicationDeadline(), "None"));
    a.lastFailure().ifPresent(f -> field("Last Failure", f));
  }

  private void conversion(AgentStatus s) {
    block("License Conversion:");
    field("Automatic Conversion Enabled", "False");
    field("Status", s.licenseConversionDone() ? "Done" : "Not started");
  }

  private void transport(TransportView t) {
    block("Transport:");
    field("Type", t.type());
    field("URL", t.url());
    field("Proxy", t.proxy().orElse("Not configured"));
    field("Server Identity Check", t.identityCheck() ? "On" : "Off");
  }

  private void evaluation(AgentStatus.Evaluation e) {
    block("Evaluation Period:");
    field("Evaluation Mode", e.counting() ? "In Use" : "Not In Use");
    field(
        "Evaluation Period Remaining",
        e.available() ? Times.format(e.remaining()) : "Not available");
  }

  private void usage(AgentStatus s) {
    section("License Usage");
    for (AgentStatus.Entitlement e : s.entitlements()) {
      lines.add(e.displayName() + " (" + e.tag().value() + "):");
      field("Description", e.description());
      field("Count", String.valueOf(e.count()));
      field("Version", e.version());
      field("Status", e.mode().displayName());
      e.graceEnds().ifPresent(g -> field("Grace Period Ends", Times.format(g)));
      if (!e.reason().isEmpty()) {
        field("Reason", e.reason());
      }
      lines.add("");
    }
  }

  private void product(AgentStatus s) {
    section("Product Information");
    s.udis().forEach(u -> lines.add("UDI: " + u));
  }

  private void reservation(AgentStatus s) {
    AgentStatus.Reservation r = s.reservation();
    section("Reservation Info");
    lines.add("License reservation: " + (r.enabled() ? "ENABLED" : "DISABLED"));
    field("Request code", r.requestCode().orElse("None"));
    field("Last return code", r.lastReturnCode().orElse("None"));
    field("Last confirmation code", r.lastConfirmationCode().orElse("None"));
    field("Reservation status", reservationStatus(s));
  }

  static String reservationStatus(AgentStatus s) {
    RegistrationState r = s.registration().state();
    if (r == RegistrationState.RESERVATION_IN_PROGRESS) {
      return "RESERVATION IN PROGRESS";
    }
    if (r.isReservation()) {
      return r.displayName().toUpperCase(java.util.Locale.ROOT)
          + s.reservation()
              .installedCodeIssued()
              .map(t -> ", authorization code issued " + Times.format(t))
              .orElse("");
    }
    return "NOT RESERVED";
  }

  private void block(String title) {
    lines.add("");
    lines.add(title);
  }

  private void section(String title) {
    lines.add("");
    lines.add(title);
    lines.add("=".repeat(title.length()));
  }

  private void field(String name, String value) {
    lines.add("  " + name + ": " + value);
  }
}
