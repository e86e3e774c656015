package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input (2), refusals (3), communication failures (4) and wrong states (5). */
class ExitCodesTest {
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
  void anUnknownOptionOrCommandIsBadUsage() {
    assertThat(cli.run("status", "--bogus").code()).isEqualTo(2);
    assertThat(Cli.raw("", "no_such_command").code()).isEqualTo(2);
    assertThat(cli.run("url", "--server-identity-check", "maybe").code()).isEqualTo(2);
  }

  /** Beyond about 9.2e9 s the store lock's wait in nanoseconds overflowed: exit 1. */
  @Test
  void aLockWaitLongerThanADayIsBadUsage() {
    cli.enable();
    for (String wait : new String[] {"86401", "9300000000", "-1"}) {
      Cli.Run r = cli.run("enable_reservation", "--lock-wait", wait);
      assertThat(r.code()).as(r.all()).isEqualTo(2);
      assertThat(r.err()).contains("--lock-wait must be 0 to 86400 seconds (a day), not " + wait);
    }
    assertThat(cli.run("enable_reservation", "--lock-wait", "86400").code()).isZero();
  }

  @Test
  void aCommandBeforeEnableSaysHowToEnable() {
    Cli.Run r = cli.run("status");
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("not enabled", "enable --udi");
  }

  @Test
  void enableNeedsAUdiAndARootTheFirstTime() {
    Cli.Run r = Cli.raw("", "enable", "--state-dir", cli.stateDir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--udi", "--root");
    Cli.Run badUdi =
        Cli.raw(
            "",
            "enable",
            "--state-dir",
            cli.stateDir.toString(),
            "--udi",
            "nonsense",
            "--root",
            cli.rootPem.toString());
    assertThat(badUdi.code()).isEqualTo(2);
    Cli.Run missingRoot =
        Cli.raw(
            "",
            "enable",
            "--state-dir",
            cli.stateDir.toString(),
            "--udi",
            Cli.UDI,
            "--root",
            tmp.resolve("none.pem").toString());
    assertThat(missingRoot.code()).isEqualTo(2);
    assertThat(missingRoot.err()).contains("none.pem");
  }

  @Test
  void enableRefusesToChangeAnExistingIdentity() {
    cli.enable();
    Cli.Run r = cli.run("enable", "--udi", "PID:X,SN:Y");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("already configured");
  }

  @Test
  void anUnknownTokenIsRefusedByTheServer() {
    cli.enable();
    Cli.Run r = cli.run("register", "NOSUCHTOKEN123456");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("Refused by the license server");
    assertThat(r.all()).doesNotContain("NOSUCHTOKEN123456");
  }

  @Test
  void aTokenMayBeginWithADash() {
    cli.enable();
    Cli.Run r = cli.run("register", "-NOSUCHTOKEN123456");
    assertThat(r.code()).as(r.err()).isEqualTo(3);
  }

  @Test
  void aMistypedOptionIsNotSentAsTheToken() {
    cli.enable();
    Cli.Run r = cli.runWithInput(cli.token() + "\n", "register", "--tokn-stdin");
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err())
        .contains("unknown option '--tokn-stdin' for register")
        .contains("--token-stdin")
        .contains("license_smart register -- TOKEN");
    assertThat(cli.run("status").out()).contains("Registration Status: Unregistered");
    Cli.Run escaped = cli.run("register", "--", "--NOSUCHTOKEN123456");
    assertThat(escaped.code()).as("after --, sent as the token: " + escaped.err()).isEqualTo(3);
  }

  @Test
  void aSelectionOrAnAdminArgumentNeverBeginsWithADash() throws Exception {
    cli.enable();
    for (String[] command :
        new String[][] {{"requestsmart_license", "--lst"}, {"releasesmart_license", "-1"}}) {
      Cli.Run r = cli.run(command);
      assertThat(r.code()).as(r.all()).isEqualTo(2);
      assertThat(r.err())
          .contains("unknown option '" + command[1] + "' for " + command[0])
          .contains("no SELECTION begins with '-'");
    }
    Path files = tmp.resolve("cssm");
    org.opensmartagent.testkit.MockServerDirectory.write(cli.server, files);
    Cli.Run admin =
        Cli.raw("", "mock-cssm", "tokens", "list", "--mail", "--mock-cssm", files.toString());
    assertThat(admin.code()).as(admin.all()).isEqualTo(2);
    assertThat(admin.err())
        .contains("unknown option '--mail' for tokens list")
        .contains("license_smart mock-cssm tokens list --help");
  }

  @Test
  void noTokenAtAllIsBadInput() {
    cli.enable();
    Cli.Run r = cli.run("register");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no token");
  }

  @Test
  void anUnreachableServerIsACommunicationFailure() throws Exception {
    cli.enable();
    cli.run("url", "--transport-gateway", "http://localhost:1/Transportgateway");
    Cli.Run r = cli.run("register", cli.token());
    assertThat(r.code()).as(r.all()).isEqualTo(4);
    assertThat(r.err()).contains("could not be reached");
  }

  @Test
  void operationsOutOfStateAreRefused() {
    cli.enable();
    assertThat(cli.run("deregister", "--yes").code()).isEqualTo(5);
    assertThat(cli.run("renew_auth").code()).isEqualTo(5);
    assertThat(cli.run("return_reservation", "--yes").code()).isEqualTo(5);
    assertThat(cli.run("reregister", "SOMETOKEN").code()).isIn(3, 5);
    assertThat(cli.run("register", cli.token()).code()).isZero();
    assertThat(cli.run("register", cli.token()).code()).as("already registered").isEqualTo(5);
    Cli.Run url = cli.run("url", "--direct");
    assertThat(url.code()).isEqualTo(5);
    assertThat(url.err()).contains("Please deregister product to edit transport settings");
    assertThat(cli.run("enable_reservation").err()).contains("Already registered");
  }

  @Test
  void badLicenseSelectionsAndCodesAreBadInput() throws Exception {
    cli.enable();
    Cli.Run nine = cli.run("requestsmart_license", "99");
    assertThat(nine.code()).isEqualTo(2);
    assertThat(nine.err())
        .contains("'99' is not in the list", "1. Email Security Appliance Sophos Anti-Malware");
    assertThat(cli.run("requestsmart_license").code()).as("nothing selected").isEqualTo(2);
    assertThat(cli.run("inspect_authorization_code", "--code", "<nonsense/>").code()).isEqualTo(2);
    Path junk = Files.writeString(tmp.resolve("junk.xml"), "not a code");
    assertThat(cli.run("install_authorization_code", "--file", junk.toString()).code()).isIn(2, 5);
    assertThat(
            cli.run("install_authorization_code", "--file", tmp.resolve("missing").toString())
                .code())
        .isEqualTo(2);
    assertThat(cli.run("install_authorization_code").code()).as("no code").isEqualTo(2);
  }
}
