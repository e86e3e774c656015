package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class MockLicenseServerMainTest {
  @Test
  void parsesPortStateFileHttpAndOutDir() {
    assertThat(
            MockLicenseServerMain.parse(
                new String[] {
                  "--port", "8443", "--state-file", "s.json", "--http", "--out-dir", "d"
                }))
        .isEqualTo(
            new MockLicenseServerMain.Options(
                8443, Optional.of(Path.of("s.json")), true, Optional.of(Path.of("d"))));
    assertThat(MockLicenseServerMain.parse(new String[0]))
        .isEqualTo(new MockLicenseServerMain.Options(0, Optional.empty(), false, Optional.empty()));
  }

  @Test
  void refusesBadArgumentsNamingThemInsteadOfThrowingIndexErrors() {
    assertThatThrownBy(() -> MockLicenseServerMain.parse(new String[] {"--port", "x"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--port")
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> MockLicenseServerMain.parse(new String[] {"--port", "70000"}))
        .hasMessageContaining("--port must be 0..65535");
    assertThatThrownBy(() -> MockLicenseServerMain.parse(new String[] {"--port"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Missing required parameter for option '--port'");
    assertThatThrownBy(() -> MockLicenseServerMain.parse(new String[] {"--verbose"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown option: '--verbose'");
    assertThat(MockLicenseServerMain.usage()).contains("--state-file", "--out-dir");
  }

  @Test
  void runPrintsTheUrlsAndWritesOwnerOnlyFiles(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    var options =
        new MockLicenseServerMain.Options(
            0, Optional.of(dir.resolve("state.json")), false, Optional.empty());
    try (MockLicenseServer server =
        MockLicenseServerMain.run(options, new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed)
          .contains(server.baseUrl().toString())
          .contains("/licservice/license", "/Transportgateway/services/DeviceRequestHandler")
          .contains("/admin/accounts", "Authorization: Bearer")
          .doesNotContain(server.adminToken());
      assertThat(Files.readString(dir.resolve(MockServerDirectory.ROOT_PEM)))
          .isEqualTo(server.rootCertificatePem());
      assertThat(Files.readString(dir.resolve(MockServerDirectory.ADMIN_TOKEN)).strip())
          .isEqualTo(server.adminToken());
      for (String f :
          new String[] {
            MockServerDirectory.ROOT_PEM,
            MockServerDirectory.TLS_CA_PEM,
            MockServerDirectory.RESERVATION_CHAIN_PEM,
            MockServerDirectory.ADMIN_TOKEN,
            MockServerDirectory.URLS
          }) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))))
            .as(f)
            .isEqualTo("rw-------");
      }
      MockServerDirectory.Contents c = MockServerDirectory.read(dir);
      assertThat(c.baseUrl()).isEqualTo(server.baseUrl());
      assertThat(c.adminToken()).isEqualTo(server.adminToken());
      assertThat(c.tlsCaPem()).contains(dir.resolve(MockServerDirectory.TLS_CA_PEM));
      assertThat(c.toString()).doesNotContain(server.adminToken());
    }
  }

  @Test
  void readingADirectoryWithoutAServerSaysHowToStartOne(@TempDir Path dir) {
    assertThatThrownBy(() -> MockServerDirectory.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no mock license server files")
        .hasMessageContaining("license_smart mock-cssm --out-dir");
  }
}
