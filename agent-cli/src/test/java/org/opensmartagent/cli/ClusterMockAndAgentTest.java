package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.testkit.MockServerDirectory;

/** Cluster options, the mock-cssm commands and the foreground agent. */
class ClusterMockAndAgentTest {
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
  void registerAppliesToEveryClusterMemberWithALineEach() throws Exception {
    Path member = tmp.resolve("member");
    Path missing = tmp.resolve("missing");
    assertThat(cli.enable().code()).isZero();
    assertThat(Cli.raw("", cli.enableArgs(member, "PID:ESA-C170,SN:FCH2145V0AD")).code()).isZero();
    String token = cli.token();
    Cli.Run r =
        cli.run(
            "register",
            token,
            "--cluster-member-dir",
            member.toString(),
            "--cluster-member-dir",
            missing.toString());
    assertThat(r.code()).as("one member is not configured").isEqualTo(5);
    assertThat(r.out())
        .contains(
            Cli.UDI + ": SUCCEEDED", "PID:ESA-C170,SN:FCH2145V0AD: SUCCEEDED", missing + ": FAILED")
        .contains("Failed on 1 of 3 members");
    assertThat(r.all()).doesNotContain(token);

    Cli.Run json =
        cli.run("enable_reservation", "--json", "--cluster-member-dir", member.toString());
    var members = new ObjectMapper().readTree(json.out()).at("/data/members");
    assertThat(members.size()).isEqualTo(2);
    assertThat(members.get(0).get("status").asText()).isEqualTo("NOT_VALID_NOW");
    assertThat(members.get(0).get("message").asText()).contains("Already registered");
    assertThat(json.code()).isEqualTo(5);
  }

  @Test
  void aClusterRunPrintsAndExitsInCommandLineOrder() throws Exception {
    Path missing = tmp.resolve("missing");
    assertThat(cli.enable().code()).isZero();
    Cli.Run r =
        cli.run("register", "NOSUCHTOKEN123456", "--cluster-member-dir", missing.toString());
    assertThat(r.out().indexOf(Cli.UDI + ": REJECTED"))
        .as(r.out())
        .isNotNegative()
        .isLessThan(r.out().indexOf(missing + ": FAILED"));
    assertThat(r.code()).as("the first member on the command line that failed").isEqualTo(3);
  }

  @Test
  void registerRefusesForceWithClusterMembers() {
    Path member = tmp.resolve("member");
    assertThat(cli.enable().code()).isZero();
    assertThat(Cli.raw("", cli.enableArgs(member, "PID:ESA-C170,SN:FCH2145V0AD")).code()).isZero();
    Cli.Run r =
        cli.run("register", "--force", cli.token(), "--cluster-member-dir", member.toString());
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains("--force does not apply with --cluster-member-dir", "reregister");
    assertThat(cli.run("status").out()).contains("Registration Status: Unregistered");
  }

  @Test
  void enableAndReservationOnAllMembers() {
    Path member = tmp.resolve("member");
    Cli.raw("", cli.enableArgs(member, "PID:ESA-C170,SN:FCH2145V0AD"));
    Cli.Run r = Cli.raw("", cli.enableArgs(cli.stateDir, Cli.UDI));
    assertThat(r.code()).isZero();
    Cli.Run all = cli.run("enable", "--cluster-member-dir", member.toString());
    assertThat(all.code()).as(all.all()).isZero();
    assertThat(all.out()).contains("Done on all 2 members");
    assertThat(cli.run("enable_reservation", "--cluster-member-dir", member.toString()).code())
        .isZero();
    assertThat(cli.run("disable_reservation", "--cluster-member-dir", member.toString()).out())
        .contains("Done on all 2 members");
  }

  @Test
  void mockCssmServesAndWritesTheRootForEnable() throws Exception {
    Path out = tmp.resolve("mock");
    Cli.Run r = Cli.raw("", "mock-cssm", "--for", "0s", "--out-dir", out.toString(), "--http");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "Mock license server listening on http://localhost:", "Licensing root (enable --root)");
    assertThat(Files.readString(out.resolve("mock-cssm-root.pem"))).contains("BEGIN CERTIFICATE");
  }

  @Test
  void mockCssmServesWithJsonLines() throws Exception {
    Path out = tmp.resolve("mock");
    Cli.Run r =
        Cli.raw(
            "", "mock-cssm", "--json", "--for", "0s", "--out-dir", out.toString(), "--in-memory");
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).as(r.out()).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    var started = json.readTree(lines[0]);
    assertThat(started.get("command").asText()).isEqualTo("mock-cssm");
    assertThat(started.at("/data/baseUrl").asText()).startsWith("https://localhost:");
    assertThat(started.at("/data/urls/SMART_TRANSPORT").asText()).startsWith("https://localhost:");
    assertThat(started.at("/data/files").toString())
        .contains(out.toAbsolutePath().resolve("mock-cssm-root.pem").toString());
    assertThat(json.readTree(lines[1]).get("message").asText())
        .isEqualTo("Mock license server stopped.");
  }

  @Test
  void mockCssmAdminCommandsTalkToARunningServer() {
    Path files = tmp.resolve("cssm");
    MockServerDirectory.write(cli.server, files);
    String[] server = {"--mock-cssm", files.toString()};
    Cli.Run account =
        Cli.raw(
            "",
            concat(
                new String[] {
                  "mock-cssm", "accounts", "create", "globex", "--virtual-account", "lab"
                },
                server));
    assertThat(account.code()).as(account.err()).isZero();
    for (String tag : Cli.TAGS) {
      Cli.Run add =
          Cli.raw(
              "", concat(new String[] {"mock-cssm", "licenses", "add", "lab", tag, "5"}, server));
      assertThat(add.code()).as(add.all()).isZero();
    }
    Cli.Run token =
        Cli.raw("", concat(new String[] {"mock-cssm", "tokens", "create", "lab"}, server));
    assertThat(token.code()).isZero();
    cli.enable();
    Cli.Run reg = cli.runWithInput(token.out(), "register", "--token-stdin");
    assertThat(reg.code()).as(reg.err()).isZero();
    Cli.Run list = Cli.raw("", concat(new String[] {"mock-cssm", "instances", "list"}, server));
    assertThat(list.out()).contains("1 instance\n", Cli.UDI.replace("PID:", "").substring(0, 3));
    Cli.Run taken =
        Cli.raw("", concat(new String[] {"mock-cssm", "accounts", "create", "globex"}, server));
    assertThat(taken.code()).isEqualTo(5);
    cli.server.close();
    Cli.Run down = Cli.raw("", concat(new String[] {"mock-cssm", "instances", "list"}, server));
    assertThat(down.code()).isEqualTo(4);
  }

  @Test
  void theAgentRunsInTheForegroundUntilItsTimeIsUp() {
    cli.enable();
    Cli.Run r = cli.run("agent", "--for", "0s"); // starts, prints, stops: no waiting on real time
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Agent running", "Agent stopped");
    assertThat(cli.run("agent", "--for", "soon").code()).isEqualTo(2);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
