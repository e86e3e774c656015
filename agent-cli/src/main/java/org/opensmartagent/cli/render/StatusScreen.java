package org.opensmartagent.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.RegistrationState;

/**
 * The STATUS screen in the current AsyncOS layout: flat {@code Label: value} lines, dates as {@code
 * ( 22 Aug 2018 07:21 )}, no value containing a second {@code ": "}, so the vendor's test
 * automation and simple line readers find every field. The sectioned layout of earlier agents is
 * {@link ClassicStatusScreen}.
 */
public final class StatusScreen {
  private final List<String> lines = new ArrayList<>();

  private StatusScreen() {}

  /** The screen's lines for {@code s}, with {@code transport} as configured. */
  public static List<String> render(
      AgentStatus s, TransportView transport, String productInstanceName) {
    StatusScreen screen = new StatusScreen();
    screen.field("Smart Licensing is", s.enabled() ? "Enabled" : "Disabled");
    screen.evaluation(s.evaluation());
    screen.registration(s.registration());
    screen.authorization(s);
    screen.renewals(s);
    screen.field("Product Instance Name", productInstanceName);
    screen.field("Transport Settings", transport.settings());
    screen.lines.add("(" + transport.url() + ")");
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

  private void evaluation(AgentStatus.Evaluation e) {
    field("Evaluation Period", e.counting() ? "In Use" : "Not In Use");
    field(
        "Evaluation Period Remaining",
        e.available() ? Times.current(e.remaining()) : "Not Available");
  }

  private void registration(AgentStatus.Registration r) {
    if (r.state() == RegistrationState.REGISTERED) {
      field("Registration Status", "Registered" + when(r.initialRegistration()));
      r.registrationExpires()
          .ifPresent(t -> lines.add("Registration Expires ( " + Times.current(t) + " )"));
    } else {
      field("Registration Status", r.state().displayName());
    }
  }

  private void authorization(AgentStatus s) {
    AgentStatus.Authorization a = s.authorization();
    field("License Authorization Status", authorizationStatus(s));
    if (a.state() == AuthorizationState.AUTHORIZED
        || a.state() == AuthorizationState.OUT_OF_COMPLIANCE) {
      a.communicationDeadline().ifPresent(t -> field("Expires on", Times.current(t)));
    }
  }

  /**
   * The License Authorization Status value. An unregistered product whose only licenses in use are
   * its base licenses reads {@code Evaluation Mode}, as the appliance does while unregistered; its
   * evaluation period is not counting (base licenses never consume it), which the Evaluation Period
   * line shows.
   */
  static String authorizationStatus(AgentStatus s) {
    AgentStatus.Authorization a = s.authorization();
    boolean baseInUse = s.enabled() && s.entitlements().stream().anyMatch(e -> e.base());
    return switch (a.state()) {
      case NONE -> {
        if (baseInUse && s.registration().state() == RegistrationState.REGISTERED) {
          yield a.lastAuthorization().isPresent()
              ? "Authorized" + when(a.lastAuthorization())
              : "No License In Use";
        }
        yield baseInUse ? "Evaluation Mode" : "No License In Use";
      }
      case EVALUATION -> "Evaluation Mode";
      case EVALUATION_EXPIRED -> "Evaluation Expired";
      case AUTHORIZED -> "Authorized" + when(a.lastAuthorization());
      case AUTHORIZED_RESERVED -> "Authorized - Reserved";
      case OUT_OF_COMPLIANCE -> "Out_of_compliance" + when(a.lastAuthorization());
      case AUTHORIZATION_EXPIRED -> "Authorization Expired";
    };
  }

  private void renewals(AgentStatus s) {
    AgentStatus.Registration r = s.registration();
    if (r.state() == RegistrationState.REGISTERED) {
      Optional<java.time.Instant> last = r.lastRenewalAttempt().or(r::initialRegistration);
      boolean failed = r.lastRenewalAttempt().isPresent() && r.lastFailure().isPresent();
      last.ifPresent(
          t ->
              field(
                  "Last Registration Renewal Attempt Status",
                  (failed ? "FAILED on " : "SUCCEEDED on ") + Times.current(t)));
    }
    AgentStatus.Authorization a = s.authorization();
    field(
        "Last Authorization Renewal Attempt Status",
        a.lastCommunicationAttempt()
            .map(
                t ->
                    (a.consecutiveFailures() > 0 ? "FAILED on " : "SUCCEEDED on ")
                        + Times.current(t))
            .orElse("No Communication Attempted"));
  }

  private static String when(Optional<java.time.Instant> t) {
    return t.map(x -> " ( " + Times.current(x) + " )").orElse("");
  }

  private void field(String name, String value) {
    lines.add(name + ": " + value);
  }
}
