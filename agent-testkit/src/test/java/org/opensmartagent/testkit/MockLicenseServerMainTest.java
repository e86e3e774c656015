package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockLicenseServerMainTest {
  @Test
  void parsesPortStateFileAndHttp() {
    assertThat(
            MockLicenseServerMain.parse(
                new String[] {"--port", "8443", "--state-file", "s.json", "--http"}))
        .isEqualTo(new MockLicenseServerMain.Options(8443, Optional.of(Path.of("s.json")), true));
    assertThat(MockLicenseServerMain.parse(new String[0]))
        .isEqualTo(new MockLicenseServerMain.Options(0, Optional.empty(), false));
  }

  @Test
  void refusesBadArgumentsNamingThem() {
    assertThatThrownBy(() -> MockLicenseServerMain.parse(new String[] {"--port", "x"}))
        .hasMessageContaining("--port must be 0..65535, not 'x'");
    assertThatThrownBy(() -> MockLicenseServerMain.parse(new String[] {"--port"}))
        .hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> MockLicenseServerMain.parse(new String[] {"--verbose"}))
        .hasMessageContaining("unknown argument '--verbose'");
  }

  @Test
  void runPrintsTheUrlsAndWritesTheRootPem(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    var options =
        new MockLicenseServerMain.Options(0, Optional.of(dir.resolve("state.json")), false);
    try (MockLicenseServer server =
        MockLicenseServerMain.run(options, new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed)
          .contains(server.baseUrl().toString())
          .contains("/licservice/license", "/Transportgateway/services/DeviceRequestHandler")
          .contains("/admin/accounts");
      assertThat(Files.readString(dir.resolve("state.json.root.pem")))
          .isEqualTo(server.rootCertificatePem());
    }
  }
}
