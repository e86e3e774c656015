package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens and proxy passwords never appear in any output, JSON or history. */
class SecretsTest {
  private static final String PASSWORD = "pr0xy-S3cret-pw";
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
  void theProxyPasswordIsStoredButNeverPrinted() throws Exception {
    StringBuilder all = new StringBuilder();
    Cli.Run set =
        cli.run(
            "url",
            "--proxy",
            "proxy.example.com:3128",
            "--proxy-user",
            "svc",
            "--proxy-password",
            PASSWORD);
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.out()).contains("proxy.example.com:3128 (user svc)");
    all.append(set.all());
    all.append(cli.run("url").all()).append(cli.run("url", "--json").all());
    all.append(cli.run("status").all()).append(cli.run("status", "--json").all());
    Cli.Run prompted = cli.runWithInput(PASSWORD + "\n", "url", "--proxy-password");
    assertThat(prompted.code()).isZero();
    all.append(prompted.all());
    assertThat(all.toString()).doesNotContain(PASSWORD);
    assertThat(Files.readString(tmp.resolve("device/license_smart.properties"))).contains(PASSWORD);
    assertThat(cli.run("url", "--no-proxy").out()).contains("Proxy: Not configured");
  }

  @Test
  void theTokenIsNeverPrintedNorStored() throws Exception {
    String token = cli.token();
    StringBuilder all = new StringBuilder();
    all.append(cli.run("register", token).all());
    all.append(cli.run("register", "--json", "--force", token).all());
    all.append(cli.run("status", "--json").all());
    all.append(cli.runWithInput("STATUS\n\n").all());
    assertThat(all.toString()).doesNotContain(token);
    try (var files = Files.walk(cli.stateDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(token);
      }
    }
  }
}
