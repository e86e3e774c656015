package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.testkit.MockLicenseServer;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.transport.TransportKind;

/**
 * A registration tells an unreachable server (4), an untrusted TLS certificate (7) and an answer
 * not signed under the pinned root (6) apart, and in each case leaves the token unused and no
 * instance on the server.
 */
class ServerProblemsTest {
  @TempDir Path tmp;
  private Cli cli;
  private MockLicenseServer other;
  private Path otherRoot;
  private Path otherCa;

  @BeforeEach
  void start() throws Exception {
    cli = new Cli(tmp);
    other = MockLicenseServer.builder().build().start();
    otherRoot = Files.writeString(tmp.resolve("other-root.pem"), other.rootCertificatePem());
    otherCa = Files.writeString(tmp.resolve("other-ca.pem"), other.tlsCaCertificatePem());
  }

  @AfterEach
  void stop() {
    cli.close();
    other.close();
  }

  private Cli.Run enable(Path root, Path ca, String url) {
    return Cli.raw(
        "",
        "--state-dir",
        cli.stateDir.toString(),
        "enable",
        "--udi",
        Cli.UDI,
        "--root",
        root.toString(),
        "--smart-transport",
        url,
        "--trusted-ca",
        ca.toString());
  }

  private String url() {
    return cli.server.url(TransportKind.SMART_TRANSPORT).toString();
  }

  @Test
  void aWrongPinnedRootLeavesNoInstanceAndTheTokenUnused() throws Exception {
    assertThat(enable(otherRoot, cli.tlsCaPem, url()).code()).isZero();
    String token = cli.server.admin().createToken("mail", new TokenSpec("one use", 30, 1, false));
    Cli.Run r = cli.run("register", token);
    assertThat(r.code()).isEqualTo(6);
    assertThat(r.err())
        .contains("does not chain to the pinned licensing root", "token was not sent", "--root")
        .doesNotContain("could not be reached");
    assertThat(cli.server.admin().instances()).isEmpty();
    assertThat(cli.run("status").out()).contains("Registration Status: Unregistered");

    // with the right root, the same one-use token still registers
    deleteTree(cli.stateDir);
    assertThat(cli.enable().code()).isZero();
    Cli.Run again = cli.run("register", token);
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(cli.server.admin().instances()).hasSize(1);
  }

  @Test
  void anUntrustedTlsCertificateIsNotAnUnreachableServer() {
    assertThat(enable(cli.rootPem, otherCa, url()).code()).isZero();
    Cli.Run r = cli.run("register", "--json", cli.token());
    assertThat(r.code()).isEqualTo(7);
    assertThat(r.err()).contains("TLS handshake", "--trusted-ca").doesNotContain("reached");
    assertThat(cli.server.admin().instances()).isEmpty();
  }

  @Test
  void anUnreachableServerSaysSo() {
    String closed = other.url(TransportKind.SMART_TRANSPORT).toString();
    other.close();
    assertThat(enable(cli.rootPem, cli.tlsCaPem, closed).code()).isZero();
    Cli.Run r = cli.run("register", cli.token());
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("could not be reached", "token was not sent");
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
