package org.opensmartagent.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.RegistrationState;

/**
 * The STATUS screen in the sectioned layout of earlier AsyncOS agents, the family of IOS-XE's
 * {@code show license status} ({@code status --layout classic}): a titled screen with {@code
 * Registration:}, {@code License Authorization:} and other blocks, then {@code ====}-ruled
 * sections. Dates read {@code Mar 13 08:09:24 2024 UTC}, the evaluation {@code 87 days 1 hr 41 min
 * 0 sec}, an empty value {@code <none>}.
 */
public final class ClassicStatusScreen {
  private static final String NONE = "<none>";

  private final List<String> lines = new ArrayList<>();

  private ClassicStatusScreen() {}

  /** The screen's lines for {@code s}, with {@code transport} as configured. */
  public static List<String> render(AgentStatus s, TransportView transport) {
    ClassicStatusScreen screen = new ClassicStatusScreen();
    screen.title("Smart Licensing Status");
    screen.lines.add("Smart Licensing is " + (s.enabled() ? "ENABLED" : "DISABLED"));
    screen.registration(s.registration());
    screen.authorization(s);
    screen.conversion(s);
    screen.block("Utility:");
    screen.field("Status", "DISABLED");
    screen.block("Transport:");
    screen.field("Type", transport.agentType());
    screen.evaluation(s.evaluation());
    screen.usage(s);
    screen.section("Product Information");
    s.udis().forEach(u -> screen.lines.add("UDI: " + u));
    screen.section("Agent Version");
    screen.lines.add("Smart Agent for Licensing: " + s.agentVersion());
    screen.transportConfiguration(transport);
    screen.reservation(s);
    return List.copyOf(screen.lines);
  }

  private void registration(AgentStatus.Registration r) {
    block("Registration:");
    field("Status", r.state().displayName().toUpperCase(Locale.ROOT));
    if (r.state() == RegistrationState.REGISTERED) {
      field("Smart Account", r.smartAccount().orElse(NONE));
      field("Virtual Account", r.virtualAccount().orElse(NONE));
    }
    field("Export-Controlled Functionality", r.exportControlled() ? "ALLOWED" : "Not Allowed");
    if (r.state() == RegistrationState.REGISTERED) {
      field("Initial Registration", succeeded(r.initialRegistration(), false));
      field(
          "Last Renewal Attempt",
          succeeded(r.lastRenewalAttempt(), r.lastFailure().isPresent()).replace(NONE, "None"));
      field("Next Renewal Attempt", Times.format(r.nextRenewalAttempt(), NONE));
      field("Registration Expires", Times.format(r.registrationExpires(), NONE));
    }
    r.lastFailure().ifPresent(f -> field("Last Failure", f));
  }

  private void authorization(AgentStatus s) {
    AgentStatus.Authorization a = s.authorization();
    block("License Authorization:");
    field("Status", authorizationStatus(s));
    if (evaluationShown(s)) {
      field("Evaluation Period Remaining", Times.format(s.evaluation().remaining()));
    }
    field(
        "Last Communication Attempt",
        succeeded(a.lastCommunicationAttempt(), a.consecutiveFailures() > 0).replace(NONE, "NONE"));
    a.nextCommunicationAttempt()
        .ifPresent(t -> field("Next Communication Attempt", Times.format(t)));
    a.communicationDeadline().ifPresent(t -> field("Communication Deadline", Times.format(t)));
    a.lastFailure().ifPresent(f -> field("Last Failure", f));
  }

  /** The License Authorization block's Status, in the agent's words ({@code EVAL MODE}). */
  static String authorizationStatus(AgentStatus s) {
    AgentStatus.Authorization a = s.authorization();
    return switch (a.state()) {
      case NONE -> {
        String current = StatusScreen.authorizationStatus(s);
        if (current.startsWith("Authorized")) {
          yield "AUTHORIZED" + on(a.lastAuthorization());
        }
        yield current.equals("Evaluation Mode") ? "EVAL MODE" : "No Licenses in Use";
      }
      case EVALUATION -> "EVAL MODE";
      case EVALUATION_EXPIRED -> "EVAL EXPIRED";
      case AUTHORIZED -> "AUTHORIZED" + on(a.lastAuthorization());
      case OUT_OF_COMPLIANCE -> "OUT OF COMPLIANCE" + on(a.lastAuthorization());
      case AUTHORIZED_RESERVED, AUTHORIZATION_EXPIRED -> a.state().displayName();
    };
  }

  private static boolean evaluationShown(AgentStatus s) {
    String status = authorizationStatus(s);
    return s.evaluation().available()
        && (status.equals("EVAL MODE") || status.equals("EVAL EXPIRED"));
  }

  private void conversion(AgentStatus s) {
    block("License Conversion:");
    field("Automatic Conversion Enabled", String.valueOf(s.licenseConversionEnabled()));
    field("Status", s.licenseConversionDone() ? "SUCCEEDED" : "NOT STARTED");
  }

  private void evaluation(AgentStatus.Evaluation e) {
    block("Evaluation Period:");
    field("Evaluation Mode", e.counting() ? "In Use" : "Not In Use");
    field(
        "Evaluation Period Remaining",
        e.available() ? Times.format(e.remaining()) : "Not Available");
  }

  private void usage(AgentStatus s) {
    section("License Usage");
    String overall = authorizationStatus(s);
    lines.add(
        "License Authorization Status: "
            + (overall.equals("EVAL MODE")
                ? AuthorizationState.EVALUATION.displayName()
                : s.authorization().state().displayName()));
    if (evaluationShown(s)) {
      lines.add("Evaluation Period Remaining: " + Times.format(s.evaluation().remaining()));
    }
    List<AgentStatus.Entitlement> inUse =
        s.entitlements().stream()
            .filter(
                e ->
                    e.mode() != EnforcementMode.INITIALIZED && e.mode() != EnforcementMode.DISABLED)
            .toList();
    if (inUse.isEmpty()) {
      lines.add("");
      lines.add("No licenses in use");
    }
    for (AgentStatus.Entitlement e : inUse) {
      lines.add("");
      lines.add(e.displayName() + " (" + e.tag().value() + "):");
      field("Description", e.description());
      field("Count", String.valueOf(e.count()));
      field("Version", e.version());
      field("Status", e.mode().displayName());
      e.graceEnds().ifPresent(g -> field("Grace Period Ends", Times.format(g)));
      if (!e.reason().isEmpty()) {
        field("Reason", e.reason());
      }
    }
  }

  private void transportConfiguration(TransportView t) {
    section("Transport Configuration");
    lines.add("Mode: " + t.settings());
    lines.add("URL: " + t.url());
    lines.add("Proxy: " + t.proxy().orElse(NONE));
    lines.add("Server Identity Check: " + (t.identityCheck() ? "ENABLED" : "DISABLED"));
  }

  private void reservation(AgentStatus s) {
    AgentStatus.Reservation r = s.reservation();
    section("Reservation Info");
    lines.add("License reservation: " + (r.enabled() ? "ENABLED" : "DISABLED"));
    field("Request code", r.requestCode().orElse(NONE));
    field("Last return code", r.lastReturnCode().orElse(NONE));
    field("Last confirmation code", r.lastConfirmationCode().orElse(NONE));
    field("Reservation status", reservationStatus(s));
    field(
        "Authorization code",
        r.installedCodeIssued()
            .map(t -> "INSTALLED, issued on " + Times.format(t))
            .orElse("NOT INSTALLED"));
  }

  /** The reservation's state in the agent's words; also the {@code --json} reservation status. */
  static String reservationStatus(AgentStatus s) {
    RegistrationState r = s.registration().state();
    if (r == RegistrationState.RESERVATION_IN_PROGRESS) {
      return "RESERVATION IN PROGRESS";
    }
    if (r == RegistrationState.REGISTERED_SLR || r == RegistrationState.REGISTERED_PLR) {
      return r.displayName().toUpperCase(Locale.ROOT);
    }
    return "NOT RESERVED";
  }

  private static String succeeded(Optional<java.time.Instant> t, boolean failed) {
    return t.map(x -> (failed ? "FAILED on " : "SUCCEEDED on ") + Times.format(x)).orElse(NONE);
  }

  private static String on(Optional<java.time.Instant> t) {
    return t.map(x -> " on " + Times.format(x)).orElse("");
  }

  private void title(String title) {
    lines.add(title);
    lines.add("=".repeat(title.length()));
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
