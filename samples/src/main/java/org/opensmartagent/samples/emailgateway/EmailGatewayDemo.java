package org.opensmartagent.samples.emailgateway;

import static org.opensmartagent.samples.emailgateway.GatewayLicenses.ANTI_MALWARE;
import static org.opensmartagent.samples.emailgateway.GatewayLicenses.ANTI_SPAM;
import static org.opensmartagent.samples.emailgateway.GatewayLicenses.BOUNCE_VERIFICATION;
import static org.opensmartagent.samples.emailgateway.GatewayLicenses.DLP;
import static org.opensmartagent.samples.emailgateway.GatewayLicenses.MAIL_HANDLING;
import static org.opensmartagent.samples.emailgateway.GatewayLicenses.OUTBREAK_FILTERS;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.samples.lab.Lab;
import org.opensmartagent.testkit.LicenseGrant;

/**
 * The email gateway's licensing life on a virtual clock against the embedded mock license server:
 * evaluation, registration, over-use (out of compliance, grace running), grace expired, fixed. At
 * each step three messages go through the pipeline and the gateway prints what every stage did.
 *
 * <p><b>What to copy:</b> the startup in {@link #run} (build the agent, {@code enable()}, request
 * the features with the count you protect, build the pipeline on the agent's gates) and the {@link
 * SyslogListener}. Everything done through {@link Lab} is the simulated world.
 */
public final class EmailGatewayDemo {
  /** What the gateway looked like at one step, and what happened to the step's messages. */
  public record Step(
      String name,
      AuthorizationState authorization,
      Map<EntitlementTag, EnforcementMode> modes,
      List<MailPipeline.Result> results) {
    public Step {
      modes = Map.copyOf(modes);
      results = List.copyOf(results);
    }
  }

  /** The same three messages go through the pipeline at every step. */
  static final List<Message> TRAFFIC =
      List.of(
          new Message("alice@example.com", "Quarterly report", "Figures attached."),
          new Message("mallory@example.net", "Invoice", "X5O!P%@AP EICAR-STANDARD-TEST-FILE"),
          new Message("bob@example.com", "Booking", "My card is 4111 1111 1111 1111."));

  private EmailGatewayDemo() {}

  public static void main(String[] args) throws IOException {
    run(System.out);
  }

  /**
   * Runs the whole story, printing to {@code out}; returns the steps in order.
   *
   * @throws IOException when the mock server cannot listen on loopback
   */
  public static List<Step> run(PrintStream out) throws IOException {
    Objects.requireNonNull(out, "out == null");
    List<Step> steps = new ArrayList<>();
    try (Lab lab = Lab.start("acme", "mail")) {
      SmartAgent agent =
          lab.agent(
              GatewayLicenses.POLICY,
              Udi.of("ESA-C170", "FCH2001ABCD"),
              new SyslogListener("esa01", out));
      agent.enable();
      requestFeatures(agent, 80);
      MailPipeline pipeline = new MailPipeline(agent, out);
      lab.advance(Duration.ofDays(3));
      steps.add(step("1. evaluation, 80 mailboxes, not registered", agent, pipeline, out));

      lab.grant(LicenseGrant.perpetual(MAIL_HANDLING, 1));
      lab.grant(LicenseGrant.perpetual(BOUNCE_VERIFICATION, 1));
      lab.grant(LicenseGrant.perpetual(ANTI_SPAM, 200));
      for (EntitlementTag tag : List.of(ANTI_MALWARE, OUTBREAK_FILTERS, DLP)) {
        lab.grant(LicenseGrant.perpetual(tag, 100));
      }
      out.println("operator: register -> " + agent.register(lab.token()));
      steps.add(step("2. registered, 100 users licensed (Anti-Spam 200)", agent, pipeline, out));

      requestFeatures(agent, 150);
      lab.advance(Duration.ofSeconds(5)); // the agent reports the new usage
      steps.add(step("3. 150 mailboxes: over-used, grace running", agent, pipeline, out));

      lab.advance(Duration.ofDays(31));
      steps.add(step("4. 31 days later: grace expired", agent, pipeline, out));

      for (EntitlementTag tag : List.of(ANTI_MALWARE, OUTBREAK_FILTERS, DLP)) {
        lab.grant(LicenseGrant.perpetual(tag, 100));
      }
      out.println("operator: renew authorization -> " + agent.renewAuthorization());
      steps.add(step("5. 100 more licenses bought, authorization renewed", agent, pipeline, out));
      for (Stage stage : Stage.values()) {
        out.println("skipped in total: " + stage.label() + " " + pipeline.skipped(stage));
      }
    }
    return steps;
  }

  /** What firmware does when the number of protected mailboxes changes. */
  private static void requestFeatures(SmartAgent agent, long mailboxes) {
    for (EntitlementTag tag : GatewayLicenses.FEATURES) {
      agent.request(new EntitlementRequest(tag, mailboxes, CountUnit.USERS));
    }
  }

  private static Step step(String name, SmartAgent agent, MailPipeline pipeline, PrintStream out) {
    AgentStatus status = agent.status();
    Map<EntitlementTag, EnforcementMode> modes = new LinkedHashMap<>();
    out.println();
    out.println("== " + name + " ==");
    out.println("authorization: " + status.authorization().state().displayName());
    for (EntitlementTag tag : GatewayLicenses.FEATURES) {
      AgentStatus.Entitlement e = status.entitlement(tag).orElseThrow();
      modes.put(tag, e.mode());
      out.printf(
          "  %-22s %-20s %s%n",
          e.displayName(), e.mode().displayName(), e.allowed() ? "allowed" : "DENIED");
    }
    List<MailPipeline.Result> results = new ArrayList<>();
    for (Message message : TRAFFIC) {
      MailPipeline.Result r = pipeline.process(message);
      results.add(r);
      out.println(
          "  \""
              + message.subject()
              + "\": "
              + r.ran().stream().map(Stage::label).collect(Collectors.joining(" > "))
              + " -> "
              + r.disposition()
              + (r.skipped().isEmpty()
                  ? ""
                  : " (skipped: "
                      + r.skipped().stream().map(Stage::label).collect(Collectors.joining(", "))
                      + ")"));
    }
    return new Step(name, status.authorization().state(), modes, results);
  }
}
