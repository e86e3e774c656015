package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.FeatureGate;
import org.opensmartagent.core.GatingMode;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.PinnedRoot;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.TransportSettings;
import org.opensmartagent.transport.Transports;

/** The README's quick start, compiled and run: keep the two identical. */
class QuickStartTest {

  @Test
  void theReadmeQuickStartWorks(@TempDir Path stateDir) throws Exception {
    try (MockLicenseServer server = MockLicenseServer.builder().build().start()) {
      server.admin().createSmartAccount("acme").createVirtualAccount("acme", "lab");
      String token = server.admin().createToken("lab", TokenSpec.standard("quick start"));
      TransportSettings settings = server.transportSettings(TransportKind.SMART_TRANSPORT);
      PinnedRoot licensingRoot = server.pinnedRoot();

      // --- quick start ---
      EntitlementTag antiMalware = EntitlementTag.parse("ESA_Anti_Malware");
      ProductPolicy policy =
          ProductPolicy.builder()
              .productName("Email Security Appliance")
              .entitlement(EntitlementDefinition.base("ESA_Mail_Handling", "Mail Handling"))
              .entitlement(
                  EntitlementDefinition.feature(antiMalware.value(), "Anti-Malware")
                      .withGating(GatingMode.DENY_WHEN_EXPIRED))
              .build();

      SmartAgent agent =
          SmartAgent.builder()
              .policy(policy)
              .udi(Udi.parse("PID:ESA-C170,SN:FCH2145V0AB"))
              .channel(Transports.channel(settings)) // Smart Transport over HTTPS
              .pinnedRoot(licensingRoot) // the licensing root that ships with the product
              .store(FileTrustedStore.open(stateDir, DeviceSecret.randomFileIn(stateDir)))
              .listener(event -> System.out.println(event)) // alerts, e.g. %EVAL_EXPIRY_WARNING
              .build();

      agent.enable(); // evaluation starts counting while features are in use
      agent.request(antiMalware); // the feature is configured on this box
      FeatureGate scanning = agent.feature(antiMalware); // keep it; check it per message

      if (scanning.isAllowed()) {
        // scan the message
      }

      OperationResult result = agent.register(token); // the operator pastes a token
      System.out.println(agent.status().authorization().state()); // AUTHORIZED
      agent.close();
      // --- end ---

      assertThat(result.succeeded()).as(result.message()).isTrue();
      assertThat(scanning.isAllowed()).isTrue();
    }
  }
}
