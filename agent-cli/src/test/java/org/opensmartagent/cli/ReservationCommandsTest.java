package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline reservation through the one-shot commands. */
class ReservationCommandsTest {
  @TempDir Path tmp;
  private Reservations authority;
  private Path state;

  @BeforeEach
  void enable() throws Exception {
    authority = new Reservations(tmp);
    state = tmp.resolve("device");
    Cli.Run r = Cli.raw("", authority.enableArgs(state));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(run("", "requestsmart_license", "ESA_Anti_Spam,ESA_Outbreak_Filters").code())
        .isZero();
  }

  private Cli.Run run(String input, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = args[0];
    all[1] = "--state-dir=" + state;
    System.arraycopy(args, 1, all, 2, args.length - 1);
    return Cli.raw(input, all);
  }

  private String requestCode() throws Exception {
    Cli.Run enabled = run("", "enable_reservation");
    assertThat(enabled.out()).as(enabled.err()).contains("License reservation is ENABLED");
    Cli.Run r = run("", "request_code", "--json");
    return new ObjectMapper().readTree(r.out()).at("/data/requestCode").asText();
  }

  @Test
  void disablingReservationSaysTheInstalledOneStays() throws Exception {
    String request = requestCode();
    Path code =
        Files.writeString(tmp.resolve("auth.xml"), authority.authorize(request, "ESA_Anti_Spam"));
    assertThat(run("", "install_authorization_code", "--file", code.toString()).code()).isZero();
    Cli.Run disabled = run("", "disable_reservation");
    assertThat(disabled.code()).as(disabled.err()).isZero();
    assertThat(disabled.out())
        .contains(
            "License reservation is DISABLED", "reservation stays installed", "return_reservation");
    assertThat(run("", "status").out())
        .contains("Registration Status: Registered - Specific License Reservation");
    assertThat(run("", "summary").out()).contains("Reserved In Compliance");
  }

  @Test
  void whileReservedTheMenuListsTheLicenseOperationsTheOneShotCommandsAllow() throws Exception {
    String request = requestCode();
    Path code =
        Files.writeString(tmp.resolve("auth.xml"), authority.authorize(request, "ESA_Anti_Spam"));
    assertThat(run("", "install_authorization_code", "--file", code.toString()).code()).isZero();

    String allowed =
        new ObjectMapper()
            .readTree(run("", "status", "--json").out())
            .at("/data/allowedOperations")
            .toString();
    assertThat(allowed)
        .contains("REQUEST_LICENSE", "RELEASE_LICENSE", "REAUTHORIZE", "RETURN_RESERVATION");
    Cli.Run released = run("", "releasesmart_license", "ESA_Outbreak_Filters");
    assertThat(released.code()).as(released.err()).isZero();
    Cli.Run requested = run("", "requestsmart_license", "ESA_Outbreak_Filters");
    assertThat(requested.code()).as(requested.err()).isZero();
  }

  @Test
  void specificReservationInstallReauthorizeAndReturn() throws Exception {
    String request = requestCode();
    assertThat(run("", "request_code").out()).as("asked again: the same code").contains(request);
    Path code =
        Files.writeString(tmp.resolve("auth.xml"), authority.authorize(request, "ESA_Anti_Spam"));

    Cli.Run inspect = run("", "inspect_authorization_code", "--file", code.toString());
    assertThat(inspect.out())
        .contains("Signature: trusted", "answers the pending request: yes", "ESA_Anti_Spam");

    Cli.Run install = run("", "install_authorization_code", "--file", code.toString());
    assertThat(install.code()).as(install.err()).isZero();
    assertThat(install.out()).contains("Reservation install file successful");
    assertThat(run("", "status").out())
        .contains(
            "Registration Status: Registered - Specific License Reservation",
            "License Authorization Status: Authorized - Reserved");
    assertThat(run("", "status", "--layout", "classic").out())
        .contains(
            "Status: REGISTERED - SPECIFIC LICENSE RESERVATION", "License reservation: ENABLED")
        .containsSubsequence(
            "Email Security Appliance Anti-Spam License (ESA_Anti_Spam):",
            "Status: Reserved In Compliance")
        .containsSubsequence(
            "Email Security Appliance Outbreak Filters (ESA_Outbreak_Filters):",
            "Status: Not Authorized");

    String update = authority.authorize(request, "ESA_Anti_Spam", "ESA_Outbreak_Filters");
    Cli.Run reauth = run(update, "reauthorize");
    assertThat(reauth.code()).as(reauth.err()).isZero();
    assertThat(reauth.out()).containsPattern("Confirmation code: [0-9a-f]{8}");

    assertThat(run("y\n", "return_reservation").code()).isEqualTo(2); // a script needs --yes
    String dir = "--state-dir=" + state;
    assertThat(Cli.rawOnTerminal("n\n", "return_reservation", dir).out())
        .contains("Return cancelled");
    Cli.Run ret = Cli.rawOnTerminal("y\n", "return_reservation", dir);
    assertThat(ret.code()).as(ret.err()).isZero();
    assertThat(ret.out())
        .contains("back to Unregistered", "Return code: ", "The product is now unregistered");
    assertThat(run("", "status", "--layout", "classic").out())
        .contains("Status: UNREGISTERED", "Last return code: ");
  }

  @Test
  void permanentReservationCoversEveryLicense() throws Exception {
    run("", "enable_reservation");
    Cli.Run r = run("", "request_code", "--plr", "--json");
    String request = new ObjectMapper().readTree(r.out()).at("/data/requestCode").asText();
    assertThat(request).startsWith("CU-");
    Cli.Run install = run("", "install_authorization_code", "--code", authority.authorize(request));
    assertThat(install.code()).as(install.err()).isZero();
    assertThat(run("", "status").out())
        .contains("Registration Status: Registered - Universal (Permanent) License Reservation");
  }

  @Test
  void cancelAndDisable() throws Exception {
    String request = requestCode();
    assertThat(run("", "cancel_reservation").code()).isZero();
    String code = authority.authorize(request, "ESA_Anti_Spam");
    Cli.Run stale = run("", "install_authorization_code", "--code", code);
    assertThat(stale.code()).isIn(2, 5);
    assertThat(run("", "disable_reservation").out()).contains("License reservation is DISABLED");
    assertThat(run("", "request_code").code()).as("reservation disabled").isEqualTo(5);
  }

  @Test
  void aCodeForAnotherDeviceIsRefusedWithTheDevicesMessage() throws Exception {
    requestCode();
    String otherRequest =
        org.opensmartagent.core.reservation.RequestCode.create(
                org.opensmartagent.core.reservation.ReservationType.SPECIFIC,
                org.opensmartagent.core.Udi.of("ESA-C170", "OTHER999"),
                "test-build",
                new java.util.SplittableRandom(7))
            .text();
    String other = authority.authorize(otherRequest, "ESA_Anti_Spam");
    Cli.Run r = run("", "install_authorization_code", "--code", other);
    assertThat(r.code()).as(r.all()).isIn(2, 5);
    assertThat(r.err())
        .contains("The Reservation Authorization Code does not match the Reservation Request Code");
  }
}
