package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.transport.TransportKind;

/** Options as docs/cli.md writes them: switches with a space, --direct URL, FIPS mode, DLC. */
class OptionsTest {
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

  private JsonNode url() throws Exception {
    Cli.Run r = cli.run("url", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    return GlobalOptionsTest.onlyJson(r.out()).get("data");
  }

  @Test
  void switchesTakeTheirValueAfterASpaceOrAnEqualsSign() throws Exception {
    cli.enable();
    Cli.Run r =
        cli.run(
            "url",
            "--send-hostname",
            "yes",
            "--version-privacy",
            "on",
            "--server-identity-check",
            "off");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode d = url();
    assertThat(d.get("sendHostname").asBoolean()).isTrue();
    assertThat(d.get("versionPrivacy").asBoolean()).isTrue();
    assertThat(d.get("serverIdentityCheck").asBoolean()).isFalse();
    assertThat(cli.run("url", "--send-hostname=no").code()).isZero();
    assertThat(url().get("sendHostname").asBoolean()).isFalse();
  }

  @Test
  void directTakesAUrlAndDefaultsToTheVendorCloud() throws Exception {
    cli.enable();
    String onPrem = "https://onprem.example.com/its/service/oddce/services/DDCEService";
    Cli.Run r = cli.run("url", "--direct", onPrem);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(url().get("type").asText()).isEqualTo("DIRECT");
    assertThat(url().get("url").asText()).isEqualTo(onPrem);
    assertThat(cli.run("url", "--direct").code()).isZero();
    assertThat(url().get("url").asText())
        .isEqualTo(TransportKind.DIRECT.defaultUrl().orElseThrow().toString());
  }

  @Test
  void fipsModeIsAnOptionAndRefusesPlainHttp() throws Exception {
    cli.enable();
    Cli.Run on = cli.run("url", "--fips-mode", "on");
    assertThat(on.code()).as(on.err()).isZero();
    assertThat(on.out()).contains("FIPS Mode: On");
    assertThat(url().get("fipsMode").asBoolean()).isTrue();
    Cli.Run http = cli.run("url", "--transport-gateway", "http://gateway.example.com/tg");
    assertThat(http.code()).isEqualTo(2);
    assertThat(http.err()).contains("FIPS mode accepts only https");
    assertThat(url().get("type").asText()).isEqualTo("SMART_TRANSPORT"); // unchanged
    assertThat(cli.run("status").code()).isZero(); // the agent still starts in FIPS mode
  }

  @Test
  void enableConfiguresClassicLicensesConvertedAtRegistration() throws Exception {
    Cli.Run enabled = cli.runWithInput("", with(cli.enableArgs(cli.stateDir, Cli.UDI)));
    assertThat(enabled.code()).as(enabled.err()).isZero();
    Cli.Run r = cli.run("register", cli.token());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode status = GlobalOptionsTest.onlyJson(cli.run("status", "--json").out());
    assertThat(status.at("/data/licenseConversion/done").asBoolean()).as(r.out()).isTrue();
  }

  @Test
  void withoutClassicLicensesNothingIsConverted() throws Exception {
    cli.enable();
    cli.run("register", cli.token());
    JsonNode status = GlobalOptionsTest.onlyJson(cli.run("status", "--json").out());
    assertThat(status.at("/data/licenseConversion/done").asBoolean()).isFalse();
  }

  @Test
  void aProductFileNamesClassicLicensesAndUnknownTagsAreRefused() throws Exception {
    Path product =
        Files.writeString(
            tmp.resolve("router.properties"),
            "product.name=Router\nentitlement.1.tag=RT_Base\nentitlement.1.name=Base\n"
                + "entitlement.1.base=true\nentitlement.2.tag=RT_VPN\nentitlement.2.name=VPN\n"
                + "conversion.classic-licenses=RT_VPN\n");
    String[] args = cli.enableArgs(cli.stateDir, Cli.UDI);
    Cli.Run unknown =
        Cli.raw("", concat(args, "--product-file", product.toString(), "--classic-license", "X"));
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("classic license X is not one of Router's licenses");
    assertThat(Files.exists(cli.stateDir.resolve("license_smart.properties"))).isFalse();

    Cli.Run enabled = Cli.raw("", concat(args, "--product-file", product.toString()));
    assertThat(enabled.code()).as(enabled.err()).isZero();
    assertThat(cli.run("register", cli.token()).code()).isZero();
    JsonNode status = GlobalOptionsTest.onlyJson(cli.run("status", "--json").out());
    assertThat(status.at("/data/licenseConversion/done").asBoolean()).isTrue();
  }

  private static String[] with(String[] enable) {
    return concat(enable, "--classic-license", "ESA_Anti_Spam");
  }

  private static String[] concat(String[] a, String... more) {
    String[] all = new String[a.length + more.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(more, 0, all, a.length, more.length);
    return all;
  }
}
