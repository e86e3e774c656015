package org.opensmartagent.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.cli.Cli;
import org.opensmartagent.transport.TransportKind;

/** The interactive shell, driven through its input stream (JLine over a dumb terminal). */
class InteractiveShellTest {
  @TempDir Path tmp;

  @Test
  void aFullRegistrationThroughTheMenu() throws Exception {
    try (Cli cli = new Cli(tmp)) {
      cli.enable();
      String token = cli.token();
      String input =
          String.join(
              "\n",
              "REGISTER",
              "n",
              token,
              "requestsmart_license",
              "2,3",
              "SUMMARY",
              "URL",
              "DEREGISTER",
              "y",
              "QUIT",
              "");
      Cli.Run r = cli.runWithInput(input);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .containsSubsequence(
              "Smart Licensing is ENABLED; Registration: Unregistered",
              "Choose the operation you want to perform:",
              "- REGISTER - Register the product for Smart Licensing.",
              "- URL - Set the Smart Transport URL.",
              "- STATUS - Show overall Smart Licensing status.",
              "- SUMMARY - Show Smart Licensing status summary.",
              "Reregister this product instance if it is already registered [N]>",
              "Enter token to register the product:",
              "%AGENT_REG_SUCCESS",
              "Registration: Registered",
              "- REQUESTSMART_LICENSE - ",
              "- RELEASESMART_LICENSE - ",
              "- DEREGISTER - ",
              "- REREGISTER - ",
              "- RENEW_AUTH - ",
              "- RENEW_ID - ",
              "1. Email Security Appliance Sophos Anti-Malware (ESA_Anti_Malware) AVAILABLE",
              "Requested: Email Security Appliance Bounce Verification, Email Security Appliance"
                  + " Outbreak Filters",
              "FeatureName",
              "Deregister the product?",
              "Registration: Unregistered");
      assertThat(r.out())
          .doesNotContain("- ENABLE_RESERVATION - Enable license reservation.\n- DEREGISTER");
      assertThat(r.err()).contains("Please deregister product to edit transport settings");
      assertThat(r.all()).doesNotContain(token);
    }
  }

  @Test
  void theUrlMenuSetsTheTransportWhileUnregistered() throws Exception {
    try (Cli cli = new Cli(tmp)) {
      cli.enable();
      Cli.Run r =
          cli.runWithInput("URL\n2\nhttps://gateway.example.com/Transportgateway\nSTATUS\n\n");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("2. TRANSPORT_GATEWAY", "Enter the Transport Gateway URL:")
          .contains(
              "Transport Settings: Transport Gateway",
              "(https://gateway.example.com/Transportgateway)");
    }
  }

  @Test
  void enterInTheUrlMenuKeepsTheCurrentTransportAndUrl() throws Exception {
    try (Cli cli = new Cli(tmp)) {
      cli.enable();
      String url = cli.server.url(TransportKind.SMART_TRANSPORT).toString();
      Cli.Run r = cli.runWithInput("URL\n\n\n\n");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("[3]> ", "Enter the Smart Transport URL [" + url + "]: ");
      Cli.Run shown = cli.run("url");
      assertThat(shown.out()).contains("Type: Smart Transport", "URL: " + url);
    }
  }

  @Test
  void aFullReservationThroughTheMenu() throws Exception {
    org.opensmartagent.cli.ReservationsAccess authority =
        new org.opensmartagent.cli.ReservationsAccess(tmp);
    Path state = tmp.resolve("device");
    Cli.Run enabled = Cli.raw("", authority.enableArgs(state));
    assertThat(enabled.code()).as(enabled.err()).isZero();
    Cli.Run first =
        Cli.raw("ENABLE_RESERVATION\nREQUEST_CODE\nn\n\n", "--state-dir", state.toString());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out())
        .containsSubsequence(
            "- ENABLE_RESERVATION - Enable license reservation.",
            "License reservation is ENABLED",
            "- REQUEST_CODE - ",
            "Request code: CB-");
    String request =
        new ObjectMapper()
            .readTree(Cli.raw("", "status", "--json", "--state-dir", state.toString()).out())
            .at("/data/reservation/requestCode")
            .asText();
    Path code =
        Files.writeString(tmp.resolve("auth.xml"), authority.authorize(request, "ESA_Anti_Spam"));

    Cli.Run second =
        Cli.raw(
            "REQUESTSMART_LICENSE\n6\nINSTALL_AUTHORIZATION_CODE\n"
                + code
                + "\nSTATUS\nRETURN_RESERVATION\ny\n\n",
            "--state-dir",
            state.toString());
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out())
        .containsSubsequence(
            "- INSTALL_AUTHORIZATION_CODE - ",
            "- CANCEL_RESERVATION - ",
            "Paste the authorization code",
            "Reservation install file successful",
            "Registration: Registered - Specific License Reservation",
            "- REAUTHORIZE - ",
            "- RETURN_RESERVATION - ",
            "License Authorization Status: Authorized - Reserved",
            "sets the product back to Unregistered",
            "Return code: ",
            "Registration: Unregistered");
  }

  @Test
  void withoutAConfigTheShellSaysHowToEnable() {
    Cli.Run r = Cli.raw("", "--state-dir", tmp.resolve("none").toString());
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("enable --udi");
  }
}
