package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.internal.StateInspector;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.Transports;

/**
 * An agent on its own scheduler and a real HTTP channel, on the real clock: it starts no thread per
 * request, {@code close()} stops every thread it started, and across register, renewals and
 * deregister the token and key material never reach the log, the events or the status.
 */
class ThreadsAndSecretsTest {
  private static final EntitlementTag MALWARE = EntitlementTag.parse("ESA_Anti_Malware");
  private static final ProductPolicy POLICY =
      ProductPolicy.builder()
          .productName("Email Security Appliance")
          .entitlement(EntitlementDefinition.feature(MALWARE.value(), "Anti-Malware"))
          .build();

  @Test
  void noThreadPerRequestCloseStopsEveryThreadAndNoSecretIsLogged() throws Exception {
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream err = System.err;
    try (MockLicenseServer server =
        MockLicenseServer.builder().https(true).random(new SecureRandom()).build().start()) {
      server.admin().createSmartAccount("acme").createVirtualAccount("acme", "lab");
      server.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 5));
      String token = server.admin().createToken("lab", TokenSpec.standard("lab"));
      Set<Thread> before = liveThreads();
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // slf4j-simple's target
      SmartAgent agent;
      InMemoryTrustedStore store = new InMemoryTrustedStore();
      try {
        agent =
            SmartAgent.builder()
                .policy(POLICY)
                .udi(Udi.of("ESA-C170", "FCH0200"))
                .channel(
                    Transports.channel(server.transportSettings(TransportKind.SMART_TRANSPORT)))
                .pinnedRoot(server.pinnedRoot())
                .store(store)
                .listener(events::add)
                .build();
        agent.enable();
        agent.request(new EntitlementRequest(MALWARE, 2, CountUnit.DEVICES));
        assertThat(agent.register(token).succeeded()).isTrue();
        byte[] privateKey = StateInspector.privateKey(store.load().payload()).orElseThrow();
        assertThat(agent.renewAuthorization().succeeded()).isTrue();
        int warm = liveThreads().size();
        for (int i = 0; i < 100; i++) {
          assertThat(agent.renewAuthorization().succeeded()).isTrue();
        }
        // Flat: OkHttp's pool may start or retire a worker, a thread per request would add 100.
        assertThat(liveThreads().size())
            .as("agent threads after 100 renewals")
            .isLessThanOrEqualTo(warm + 2);
        assertThat(agent.renewId().succeeded()).isTrue();
        String status = agent.status().toString();
        assertThat(agent.deregister().succeeded()).isTrue();
        agent.close();

        String everything = log.toString(StandardCharsets.UTF_8) + events + status;
        assertThat(log.size()).as("the log was captured").isPositive();
        assertThat(everything)
            .doesNotContain(token)
            .doesNotContain("PRIVATE KEY")
            .doesNotContain(Base64.getEncoder().encodeToString(privateKey))
            .doesNotContain(HexFormat.of().formatHex(privateKey));
      } finally {
        System.setErr(err);
      }
      Set<Thread> started = liveThreads();
      started.removeAll(before);
      // Process-wide helpers that no client owns: OkHttp's shared task runner (it ends when idle;
      // while it runs a task, e.g. the connection closer after close(), it carries the task's
      // name, so it is told by its stack) and Okio's timeout watchdog. Everything the agent and
      // its channel started must end.
      started.removeIf(t -> t.getName().equals("Okio Watchdog") || isTaskRunner(t));
      for (Thread t : started) {
        t.join(10_000);
        assertThat(t.isAlive()).as("thread " + t.getName() + " after close()").isFalse();
      }
    }
  }

  private static boolean isTaskRunner(Thread t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().startsWith("okhttp3.internal.concurrent.TaskRunner")) {
        return true;
      }
    }
    return t.getName().equals("OkHttp TaskRunner");
  }

  private static Set<Thread> liveThreads() {
    Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
    threads.removeIf(t -> !t.isAlive() || t.getName().startsWith("MockWebServer"));
    return threads;
  }
}
