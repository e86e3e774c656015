package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One-shot commands through a device's registered life, against the mock license server. */
class RegistrationCommandsTest {
  @TempDir Path tmp;
  private Cli cli;

  @BeforeEach
  void start() throws Exception {
    cli = new Cli(tmp);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void enableWritesTheConfigAndStartsEvaluation() {
    Cli.Run r = cli.enable();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Smart Licensing is ENABLED", "Evaluation Period Remaining: 90 days 0 hr 0 min");
    assertThat(cli.run("enable").code()).as("enabling again is harmless").isZero();
  }

  @Test
  void statusShowsTheDeviceSectionsInOrder() {
    cli.enable();
    Cli.Run r = cli.run("status");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .containsSubsequence(
            "Smart Licensing is: Enabled",
            "Evaluation Period: Not In Use",
            "Evaluation Period Remaining: 90 days 0 hours 0 minutes 0 seconds",
            "Registration Status: Unregistered",
            "License Authorization Status: Evaluation Mode",
            "Last Authorization Renewal Attempt Status: No Communication Attempted",
            "Product Instance Name: ",
            "Transport Settings: Direct",
            "(https://localhost:");
    Cli.Run classic = cli.run("status", "--layout", "classic");
    assertThat(classic.code()).isZero();
    assertThat(classic.out())
        .containsSubsequence(
            "Smart Licensing Status",
            "======================",
            "Smart Licensing is ENABLED",
            "Registration:",
            "Status: UNREGISTERED",
            "Export-Controlled Functionality: Not Allowed",
            "License Authorization:",
            "Status: EVAL MODE",
            "Last Communication Attempt: NONE",
            "License Conversion:",
            "Automatic Conversion Enabled: false",
            "Status: NOT STARTED",
            "Utility:",
            "Transport:",
            "Type: Smart",
            "Evaluation Period:",
            "License Usage",
            "Mail Handling (ESA_Mail_Handling):",
            "Status: In Compliance",
            "Product Information",
            "UDI: " + Cli.UDI,
            "Agent Version",
            "Smart Agent for Licensing: 0.1.0",
            "Reservation Info",
            "License reservation: DISABLED",
            "Reservation status: NOT RESERVED",
            "Authorization code: NOT INSTALLED");
    assertThat(classic.out()).doesNotContain("(ESA_Anti_Spam):");
    assertThat(cli.run("status", "--layout", "sideways").err()).contains("current or classic");
  }

  @Test
  void registerRequestRenewReleaseAndDeregister() {
    cli.enable();
    String token = cli.token();
    Cli.Run reg = cli.run("register", token);
    assertThat(reg.code()).as(reg.err()).isZero();
    assertThat(reg.all()).doesNotContain(token);

    Cli.Run req = cli.run("requestsmart_license", "1,ESA_Anti_Spam");
    assertThat(req.code()).as(req.err()).isZero();
    assertThat(req.out())
        .contains(
            "Requested: Email Security Appliance Sophos Anti-Malware, Email Security Appliance"
                + " Anti-Spam License");
    assertThat(cli.run("renew_auth").code()).isZero();
    assertThat(cli.run("renew_id").code()).isZero();

    assertThat(cli.run("status").out())
        .containsPattern(
            "Registration Status: Registered \\( \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d \\)")
        .containsPattern("License Authorization Status: Authorized \\( .* \\)")
        .contains("Last Authorization Renewal Attempt Status: SUCCEEDED on ");
    Cli.Run status = cli.run("status", "--layout", "classic");
    assertThat(status.out())
        .contains("Status: REGISTERED", "Smart Account: acme", "Virtual Account: mail")
        .containsPattern("Status: AUTHORIZED on \\w{3} \\d\\d \\d\\d:\\d\\d:\\d\\d \\d{4} UTC")
        .containsSubsequence(
            "Email Security Appliance Anti-Spam License (ESA_Anti_Spam):", "Status: In Compliance");
    assertThat(cli.run("summary").out())
        .containsPattern("\\nEmail Security Appliance Anti-Spam License +In Compliance\\n")
        .containsPattern("\\nEmail Security Appliance Outbreak Filters +Not requested\\n");

    Cli.Run release = cli.runWithInput("1\n", "releasesmart_license");
    assertThat(release.out())
        .contains(
            "1. Email Security Appliance Sophos Anti-Malware (ESA_Anti_Malware) IN_USE",
            "Released: Email Security Appliance Sophos Anti-Malware");

    Cli.Run script = cli.runWithInput("y\n", "deregister");
    assertThat(script.code()).isEqualTo(2);
    assertThat(script.err()).contains("no terminal", "--yes");
    assertThat(cli.runOnTerminal("n\n", "deregister").out()).contains("Deregistration cancelled");
    Cli.Run dereg = cli.runOnTerminal("y\n", "deregister");
    assertThat(dereg.code()).as(dereg.err()).isZero();
    assertThat(cli.run("status").out()).contains("Registration Status: Unregistered");
  }

  @Test
  void theTokenCanComeFromStandardInputOrThePrompt() {
    cli.enable();
    String token = cli.token();
    Cli.Run piped = cli.runWithInput(token + "\n", "register", "--token-stdin");
    assertThat(piped.code()).as(piped.err()).isZero();
    Cli.Run prompted = cli.runWithInput(token + "\n", "reregister");
    assertThat(prompted.code()).as(prompted.err()).isZero();
    assertThat(prompted.out()).contains("Enter token to register the product:");
    assertThat(piped.all() + prompted.all()).doesNotContain(token);
    Cli.Run forced = cli.run("register", "--force", token);
    assertThat(forced.code()).as(forced.err()).isZero();
  }

  @Test
  void udiListsEveryMember() {
    cli.raw(
        "",
        "enable",
        "--state-dir",
        cli.stateDir.toString(),
        "--udi",
        Cli.UDI,
        "--udi",
        "PID:ESA-C170,SN:FCH2145V0AC",
        "--root",
        cli.rootPem.toString());
    assertThat(cli.run("udi").out())
        .contains("UDI: " + Cli.UDI, "UDI: PID:ESA-C170,SN:FCH2145V0AC");
  }
}
