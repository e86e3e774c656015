package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.Verdict;
import org.opensmartagent.transport.TransportKind;

class PersistenceTest {
  private static final EntitlementTag MALWARE = EntitlementTag.parse("ESA_Anti_Malware");

  @Test
  void aServerRestoredFromItsSavedStateStillAuthorizesTheInstance(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("state.json");
    Fixture first = new Fixture();
    first.server.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 2));
    TestDevice device = first.device(TransportKind.DIRECT);
    device.register(first.token);
    device.authorize(EntitlementRequest.one(MALWARE));
    first.server.saveTo(file);
    first.close();
    device.close();

    MockLicenseServer restored =
        MockLicenseServer.builder().clock(first.time.clock()).stateFile(file).build().start();
    try (restored;
        TestDevice same = device.moveTo(restored, TransportKind.DIRECT);
        TestDevice twin =
            new TestDevice(restored, TransportKind.DIRECT, device.udi, first.time.clock())) {
      assertThat(restored.rootCertificatePem()).isEqualTo(first.server.rootCertificatePem());
      assertThat(restored.admin().instances())
          .singleElement()
          .satisfies(i -> assertThat(i.id()).isEqualTo(device.instanceId));
      assertThat(same.authorize(EntitlementRequest.one(MALWARE)).reply().body().verdicts())
          .containsExactly(new Verdict(MALWARE, Verdict.Kind.AUTHORIZED, "1 in use, 2 licensed"));
      RegistrationTest.assertRejected(twin.register(first.token), RejectReason.ALREADY_REGISTERED);
    }
  }

  @Test
  void aStateFileServerSavesEveryChange(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("state.json");
    try (MockLicenseServer server = MockLicenseServer.builder().stateFile(file).build()) {
      server.admin().createSmartAccount("acme").createVirtualAccount("acme", "lab");
    }
    try (MockLicenseServer again = MockLicenseServer.builder().stateFile(file).build()) {
      assertThat(again.admin().usage("lab")).isEmpty();
    }
  }
}
