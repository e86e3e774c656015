package org.opensmartagent.core.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.opensmartagent.core.AgentListener;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.time.AgentScheduler;
import org.opensmartagent.core.transport.LicensingTransport;

/**
 * Everything the engine is built from; assembled and checked by {@code SmartAgent.Builder}.
 *
 * @param gates receives, after every stored change, whether each entitlement is allowed
 * @param csrs makes a PKCS#10 CSR for the device's ID certificate
 */
public record EngineConfig(
    ProductPolicy policy,
    List<Udi> udis,
    LicensingTransport transport,
    TrustedStore store,
    AgentScheduler scheduler,
    Clock clock,
    RandomGenerator random,
    AgentListener listener,
    Optional<String> hostname,
    String agentVersion,
    boolean versionPrivacy,
    List<EntitlementTag> classicLicenses,
    CsrSource csrs,
    Consumer<Map<EntitlementTag, Boolean>> gates) {

  /** Makes the CSR sent at registration and ID renewal. */
  @FunctionalInterface
  public interface CsrSource {
    byte[] newCsr(List<Udi> udis);
  }
}
