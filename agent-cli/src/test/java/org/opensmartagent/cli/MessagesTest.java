package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages that say what is wrong, and the shell and the one-shot commands agreeing. */
class MessagesTest {
  @TempDir Path tmp;
  private Cli cli;

  @BeforeEach
  void start() throws Exception {
    cli = new Cli(tmp);
    cli.enable();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void codeFilesThatAreEmptyMissingOrHugeAreNamedWithTheReason() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.xml"), "");
    Cli.Run r = cli.run("inspect_authorization_code", "--file", empty.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(empty + " is empty");

    Path missing = tmp.resolve("missing.xml");
    Cli.Run m = cli.run("inspect_authorization_code", "--file", missing.toString());
    assertThat(m.code()).isEqualTo(2);
    assertThat(m.err()).contains(missing + ": it does not exist");
    assertThat(m.err().indexOf(missing.toString()))
        .isEqualTo(m.err().lastIndexOf(missing.toString()));

    Path huge = tmp.resolve("huge.xml");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(50L * 1024 * 1024); // sparse: nothing is written
    }
    Cli.Run h = cli.run("install_authorization_code", "--file", huge.toString());
    assertThat(h.code()).isEqualTo(2);
    assertThat(h.err()).contains("52428800 bytes; at most 65536");
  }

  @Test
  void aHugeUdiIsNotEchoedBackWhole() {
    String pid = "X".repeat(5000);
    Cli.Run r =
        Cli.raw(
            "",
            "enable",
            "--state-dir",
            tmp.resolve("other").toString(),
            "--udi",
            "PID:" + pid + ",SN:1",
            "--root",
            cli.rootPem.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("characters)").hasSizeLessThan(800);
  }

  @Test
  void registeringTwiceNamesTheForceOption() {
    assertThat(cli.run("register", cli.token()).code()).isZero();
    Cli.Run again = cli.run("register", cli.token());
    assertThat(again.code()).isNotZero();
    assertThat(again.err()).contains("--force").doesNotContain("with force ");
  }

  @Test
  void aBaseLicenseCannotBeReleasedAndTheDeviceSaysWhy() {
    assertThat(cli.run("register", cli.token()).code()).isZero();
    assertThat(cli.run("requestsmart_license", "1").code()).isZero();
    Cli.Run r = cli.run("releasesmart_license", "ESA_Mail_Handling");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("base license", "requested by default and cannot be released");
  }

  @Test
  void theReleaseListAndItsJsonUseTheSameNumbers() throws Exception {
    assertThat(cli.run("requestsmart_license", "2,4").code()).isZero();
    Cli.Run list = cli.run("releasesmart_license", "--list");
    assertThat(list.out())
        .contains(
            "1. Email Security Appliance Bounce Verification (ESA_Bounce_Verification)",
            "2. Email Security Appliance Advanced Malware Protection"
                + " (ESA_Advanced_Malware_Protection)");
    Cli.Run r = cli.run("releasesmart_license", "2", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode licenses = GlobalOptionsTest.onlyJson(r.out()).at("/data/licenses");
    assertThat(licenses).hasSize(2);
    assertThat(licenses.get(1).get("number").asInt()).isEqualTo(2);
    assertThat(licenses.get(1).get("tag").asText()).isEqualTo("ESA_Advanced_Malware_Protection");
    assertThat(licenses.get(1).get("selected").asBoolean()).isTrue();
  }
}
