package org.opensmartagent.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.Transports;

/**
 * A started mock server ({@link Fixture}) and real agents built for offline reservation against it:
 * each pins the server's root and its reservation signing chain. The transport is the Smart
 * Transport channel, though reservation itself never uses it.
 */
final class ReservationFixture implements AutoCloseable {
  static final EntitlementTag MAIL = EntitlementTag.parse("ESA_Mail_Handling");
  static final EntitlementTag MALWARE = EntitlementTag.parse("ESA_Anti_Malware");
  static final EntitlementTag DLP = EntitlementTag.parse("ESA_Data_Loss_Prevention");
  static final ProductPolicy POLICY =
      ProductPolicy.builder()
          .productName("Email Security Appliance")
          .entitlement(EntitlementDefinition.base(MAIL.value(), "Mail Handling"))
          .entitlement(EntitlementDefinition.feature(MALWARE.value(), "Anti-Malware"))
          .entitlement(EntitlementDefinition.feature(DLP.value(), "Data Loss Prevention"))
          .build();

  final Fixture f;
  final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  private final List<SmartAgent> agents = new CopyOnWriteArrayList<>();

  ReservationFixture() throws Exception {
    this(MockLicenseServer.builder());
  }

  ReservationFixture(MockLicenseServer.Builder builder) throws Exception {
    f = new Fixture(builder);
  }

  LicenseAdmin admin() {
    return f.server.admin();
  }

  /** An enabled agent with UDI {@code ESA-C170/serial}, keeping its state in memory. */
  SmartAgent agent(String serial) throws Exception {
    return agent(serial, new InMemoryTrustedStore());
  }

  /** An enabled agent keeping its state in an encrypted store in {@code dir}. */
  SmartAgent agent(String serial, Path dir) throws Exception {
    return agent(serial, FileTrustedStore.open(dir, DeviceSecret.of(new byte[32])));
  }

  private SmartAgent agent(String serial, TrustedStore store) throws Exception {
    SmartAgent agent =
        SmartAgent.builder()
            .policy(POLICY)
            .udi(Udi.of("ESA-C170", serial))
            .channel(Transports.channel(f.server.transportSettings(TransportKind.SMART_TRANSPORT)))
            .pinnedRoot(f.server.pinnedRoot())
            .reservationSigningChain(f.server.reservationSigningChain())
            .store(store)
            .scheduler(f.time)
            .clock(f.time.clock())
            .ticker(f.time.ticker())
            .listener(events::add)
            .build();
    agents.add(agent);
    agent.enable();
    return agent;
  }

  /** Enables reservation on {@code agent} and returns its request code of {@code type}. */
  static RequestCode requestCode(SmartAgent agent, ReservationType type) {
    agent.enableReservation();
    return agent.requestCode(type);
  }

  static EnforcementMode mode(SmartAgent agent, EntitlementTag tag) {
    return agent.status().entitlement(tag).orElseThrow().mode();
  }

  /** Every file under {@code dir} with its bytes as text, to show the stored state is unchanged. */
  static Map<String, String> files(Path dir) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(read(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    agents.forEach(SmartAgent::close);
    f.close();
  }
}
