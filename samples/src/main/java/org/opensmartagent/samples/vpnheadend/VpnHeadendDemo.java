package org.opensmartagent.samples.vpnheadend;

import static org.opensmartagent.samples.vpnheadend.VpnFeature.FULL_TUNNEL;
import static org.opensmartagent.samples.vpnheadend.VpnFeature.POSTURE;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.Severity;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.samples.lab.Lab;
import org.opensmartagent.testkit.LicenseGrant;

/**
 * Three VPN headends on a virtual clock against the embedded mock license server: "hq" on an Apex
 * term license (a Plus feature counted under Apex; over-use reported, not refused; the term ends
 * and the server's verdict turns out of compliance), "branch" on VPN Only counted by connections,
 * and "lab" on Plus, which refuses an Apex feature. First, a VPN Only + Apex configuration is
 * refused before anything is requested.
 *
 * <p><b>What to copy:</b> {@link HeadendLicensing} and the two calls in {@link Headend}; the rest
 * is the simulated world.
 */
public final class VpnHeadendDemo {
  /** One headend's license as the agent saw it after a step. */
  public record Observation(
      String step,
      String headend,
      VpnLicense license,
      long inUse,
      EnforcementMode mode,
      String reason) {}

  /** The demo's outcome: the coexistence refusal message and the observations in order. */
  public record Report(String refusal, List<Observation> observations) {
    public Report {
      Objects.requireNonNull(refusal, "refusal == null");
      observations = List.copyOf(observations);
    }
  }

  private VpnHeadendDemo() {}

  public static void main(String[] args) throws IOException {
    run(System.out);
  }

  /**
   * Runs the story, printing to {@code out}.
   *
   * @throws IOException when the mock server cannot listen on loopback
   */
  public static Report run(PrintStream out) throws IOException {
    Objects.requireNonNull(out, "out == null");
    List<Observation> seen = new ArrayList<>();
    String refusal = "";
    try (Lab lab = Lab.start("acme", "vpn")) {
      Instant termEnd = lab.now().plus(Duration.ofDays(90));
      lab.grant(LicenseGrant.term(VpnLicense.APEX.tag(), 3, lab.now(), termEnd));
      lab.grant(LicenseGrant.perpetual(VpnLicense.PLUS.tag(), 5));
      lab.grant(
          LicenseGrant.term(
              VpnLicense.PLUS.tag(), 5, lab.now(), lab.now().plus(Duration.ofDays(365))));
      lab.grant(LicenseGrant.perpetual(VpnLicense.VPN_ONLY.tag(), 2));
      out.println(
          "pool: Apex 3 users until "
              + termEnd
              + ", Plus 5 perpetual + 5 for a year,"
              + " VPN Only 2 connections perpetual");

      SmartAgent hqAgent = agent(lab, "FTX0001", out);
      try {
        HeadendLicensing.configure(hqAgent, EnumSet.of(VpnLicense.APEX, VpnLicense.VPN_ONLY));
      } catch (IllegalArgumentException e) {
        refusal = e.getMessage();
        out.println("hq: configuration refused: " + refusal);
      }
      Headend hq = headend("hq", hqAgent, EnumSet.of(VpnLicense.APEX), lab, out);
      hq.connect("alice", FULL_TUNNEL);
      hq.connect("bob", POSTURE);
      hq.connect("alice", POSTURE); // a second session: still one user
      lab.advance(Duration.ofSeconds(5)); // the agent reports the new count
      observe("1. Plus feature counted under Apex", hq, hqAgent, out, seen);
      observe("1. Plus feature counted under Apex", hq, VpnLicense.PLUS, hqAgent, out, seen);

      hq.connect("carol", FULL_TUNNEL);
      Headend.Session dave = hq.connect("dave", FULL_TUNNEL);
      lab.advance(Duration.ofSeconds(5));
      observe("2. four users on three licenses: accepted, reported", hq, hqAgent, out, seen);

      hq.disconnect(dave);
      lab.advance(Duration.ofSeconds(5));
      observe("3. dave disconnected", hq, hqAgent, out, seen);

      SmartAgent branchAgent = agent(lab, "FTX0002", out);
      Headend branch = headend("branch", branchAgent, EnumSet.of(VpnLicense.VPN_ONLY), lab, out);
      branch.connect("alice", FULL_TUNNEL);
      Headend.Session second = branch.connect("alice", POSTURE);
      branch.connect("bob", FULL_TUNNEL);
      lab.advance(Duration.ofSeconds(5));
      observe("4. VPN Only counts connections", branch, branchAgent, out, seen);
      branch.disconnect(second);
      lab.advance(Duration.ofSeconds(5));
      observe("5. alice closed her second connection", branch, branchAgent, out, seen);

      SmartAgent labAgent = agent(lab, "FTX0003", out);
      Headend plusOnly = headend("lab", labAgent, EnumSet.of(VpnLicense.PLUS), lab, out);
      plusOnly.connect("erin", FULL_TUNNEL);
      try {
        plusOnly.connect("erin", POSTURE);
      } catch (IllegalStateException e) {
        out.println("lab: session refused: " + e.getMessage());
      }
      lab.advance(Duration.ofSeconds(5));
      observe("6. Plus headend", plusOnly, labAgent, out, seen);

      lab.advanceTo(termEnd.plus(Duration.ofDays(1)));
      // The agent renews by itself every 30 days; renewing now makes the moment explicit.
      out.println("hq: renew authorization -> " + hqAgent.renewAuthorization());
      observe("7. the day after the Apex term ended", hq, hqAgent, out, seen);
    }
    return new Report(refusal, seen);
  }

  private static SmartAgent agent(Lab lab, String serial, PrintStream out) throws StoreException {
    return lab.agent(
        HeadendLicensing.POLICY,
        Udi.of("VPN-HE1000", serial),
        e -> {
          if (e.severity().compareTo(Severity.WARNING) >= 0) {
            out.println("  " + serial + " %" + e.code() + ": " + e.message());
          }
        });
  }

  private static Headend headend(
      String name, SmartAgent agent, Set<VpnLicense> licenses, Lab lab, PrintStream out) {
    Headend headend = new Headend(name, HeadendLicensing.configure(agent, licenses));
    agent.enable();
    out.println(name + ": configured " + licenses + "; register -> " + agent.register(lab.token()));
    return headend;
  }

  private static void observe(
      String step, Headend headend, SmartAgent agent, PrintStream out, List<Observation> seen) {
    for (VpnLicense license : headend.licensing().configured()) {
      observe(step, headend, license, agent, out, seen);
    }
  }

  private static void observe(
      String step,
      Headend headend,
      VpnLicense license,
      SmartAgent agent,
      PrintStream out,
      List<Observation> seen) {
    AgentStatus.Entitlement e = agent.status().entitlement(license.tag()).orElseThrow();
    Observation o = new Observation(step, headend.name(), license, e.count(), e.mode(), e.reason());
    seen.add(o);
    out.printf(
        "%s: %s %s: %d %s -> %s (%s)%n",
        step,
        headend.name(),
        license,
        o.inUse(),
        license.unit(),
        e.mode().displayName(),
        e.reason());
  }
}
