package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.cli.config.ConfigFile;
import org.opensmartagent.testkit.MockServerDirectory;

/** --state-dir and --json work before or after any command; --json prints only JSON. */
class GlobalOptionsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
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

  /** Standard output parsed as exactly one JSON document (fails on anything else). */
  static JsonNode onlyJson(String out) throws Exception {
    try (JsonParser p = MAPPER.createParser(out)) {
      JsonNode node = MAPPER.readTree(p);
      assertThat(node).as(out).isNotNull();
      assertThat(p.nextToken()).as("after the document: " + out).isNull();
      return node;
    }
  }

  @Test
  void theStateDirWorksBeforeTheCommandForEnableAndStatus() {
    Path dev1 = tmp.resolve("dev1");
    String[] enable = cli.enableArgs(dev1, Cli.UDI);
    String[] before = new String[enable.length];
    before[0] = "--state-dir";
    before[1] = dev1.toString();
    before[2] = "enable";
    System.arraycopy(enable, 3, before, 3, enable.length - 3); // drop "--state-dir dev1" after
    Cli.Run enabled = Cli.raw("", before);
    assertThat(enabled.code()).as(enabled.err()).isZero();
    assertThat(ConfigFile.exists(dev1)).isTrue();

    Cli.Run first = Cli.raw("", "--state-dir", dev1.toString(), "status");
    Cli.Run after = Cli.raw("", "status", "--state-dir", dev1.toString());
    Cli.Run other = Cli.raw("", "--state-dir", tmp.resolve("dev2").toString(), "status");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("Registration Status: Unregistered").isEqualTo(after.out());
    assertThat(Cli.raw("", "udi", "--state-dir", dev1.toString()).out()).contains("FCH2145V0AB");
    assertThat(other.code()).isEqualTo(5);
    assertThat(other.err()).contains(tmp.resolve("dev2").toString());
  }

  @Test
  void jsonWorksBeforeOrAfterTheCommand() throws Exception {
    cli.enable();
    String dir = cli.stateDir.toString();
    JsonNode before = onlyJson(Cli.raw("", "--json", "--state-dir", dir, "udi").out());
    JsonNode after = onlyJson(Cli.raw("", "udi", "--state-dir=" + dir, "--json").out());
    assertThat(before).isEqualTo(after);
    assertThat(before.at("/data/udis/0/udi").asText()).isEqualTo(Cli.UDI);
  }

  @Test
  void theMockServersAdminCommandsTakeTheGlobalJson() throws Exception {
    Path files = tmp.resolve("cssm");
    MockServerDirectory.write(cli.server, files);
    String dir = files.toString();
    Cli.Run before = Cli.raw("", "--json", "mock-cssm", "instances", "list", "--mock-cssm", dir);
    Cli.Run after = Cli.raw("", "mock-cssm", "instances", "list", "--mock-cssm", dir, "--json");
    assertThat(before.code()).as(before.err()).isZero();
    assertThat(onlyJson(before.out()).get("command").asText()).isEqualTo("instances list");
    assertThat(onlyJson(after.out()).get("ok").asBoolean()).isTrue();
  }

  @Test
  void everyCommandAnswersHelp() {
    for (String command : new String[] {"mock-cssm", "status", "register", "url", "agent"}) {
      Cli.Run r = Cli.raw("", command, "--help");
      assertThat(r.code()).as(command + ": " + r.err()).isZero();
      assertThat(r.out()).contains("Usage: license_smart " + command, "--state-dir", "--json");
    }
  }

  @Test
  void aPromptedSelectionKeepsStandardOutputForTheJsonDocument() throws Exception {
    cli.enable();
    Cli.Run r = cli.runWithInput("2\n", "requestsmart_license", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = onlyJson(r.out());
    assertThat(j.at("/data/licenses/1/selected").asBoolean()).isTrue();
    assertThat(r.err())
        .contains(
            "1. Email Security Appliance Sophos Anti-Malware",
            "Enter the appropriate license number");
  }

  @Test
  void aDestructiveCommandWithoutYesOrATerminalNeedsYes() throws Exception {
    cli.enable();
    cli.run("register", cli.token());
    Cli.Run r = cli.runWithInput("y\n", "deregister", "--json");
    assertThat(r.code()).isEqualTo(2);
    JsonNode j = onlyJson(r.out());
    assertThat(j.get("message").asText()).contains("--yes");
    assertThat(cli.run("status").out()).contains("Registration Status: Registered");
    Cli.Run ret = cli.run("return_reservation");
    assertThat(ret.code()).isEqualTo(2);
    assertThat(ret.err()).contains("--yes").doesNotContain("cancelled");
  }

  @Test
  void theAgentPrintsOneJsonObjectPerLine() throws Exception {
    cli.enable();
    Cli.Run r = cli.run("agent", "--json", "--for", "0s");
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      onlyJson(line);
    }
    JsonNode last = onlyJson(lines[lines.length - 1]);
    assertThat(last.get("command").asText()).isEqualTo("agent");
    assertThat(r.out()).doesNotContain("Agent running");
  }

  @Test
  void aCommandLineThatDoesNotParsePrintsOneJsonErrorWithJson() throws Exception {
    cli.enable();
    String dir = cli.stateDir.toString();
    for (String[] args :
        new String[][] {
          {"status", "--bogus", "--json", "--state-dir", dir},
          {"--json", "url", "--server-identity-check", "maybe", "--state-dir", dir},
          {"--json", "register", "--tokn-stdin", "--state-dir", dir}
        }) {
      Cli.Run r = Cli.raw("", args);
      assertThat(r.code()).as(r.all()).isEqualTo(2);
      JsonNode json = onlyJson(r.out());
      assertThat(json.get("ok").asBoolean()).isFalse();
      assertThat(json.get("exitCode").asInt()).isEqualTo(2);
      assertThat(json.get("command").asText()).isEqualTo(args[args[0].equals("--json") ? 1 : 0]);
      assertThat(json.get("message").asText()).contains("--help");
    }
    Cli.Run text = Cli.raw("", "status", "--bogus", "--state-dir", dir);
    assertThat(text.code()).isEqualTo(2);
    assertThat(text.out()).isEmpty();
    assertThat(text.err()).contains("--bogus", "Usage: license_smart status");
  }

  @Test
  void aFailingAdminCommandIsNamedAsTyped() throws Exception {
    Path files = tmp.resolve("cssm");
    MockServerDirectory.write(cli.server, files);
    Cli.Run r =
        Cli.raw(
            "",
            "--json",
            "mock-cssm",
            "reservations",
            "reserve",
            "mail",
            "ESA_Anti_Spam=many",
            "--request-code",
            "X",
            "--type",
            "SPECIFIC",
            "--mock-cssm",
            files.toString());
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(onlyJson(r.out()).get("command").asText()).isEqualTo("reservations reserve");
    assertThat(r.err()).startsWith("license_smart reservations reserve: ");
  }

  @Test
  void commandsWithoutJsonOutputRefuseJson() throws Exception {
    Cli.Run demo = Cli.raw("", "demo", "--json");
    assertThat(demo.code()).isEqualTo(2);
    assertThat(demo.err()).contains("leave out --json");
    assertThat(onlyJson(demo.out()).get("exitCode").asInt()).isEqualTo(2);
  }
}
