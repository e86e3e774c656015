package org.opensmartagent.core.internal;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.opensmartagent.core.AgentListener;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.KeyAlgorithm;
import org.opensmartagent.core.identity.PinnedRoot;
import org.opensmartagent.core.internal.wire.CurrentSigner;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.time.AgentScheduler;
import org.opensmartagent.core.transport.LicensingTransport;

/**
 * Everything the engine is built from; assembled and checked by {@code SmartAgent.Builder}.
 *
 * @param ticker monotonic nanoseconds, to measure time across a wall-clock jump
 * @param pinnedRoot the licensing root that server material must chain to, if any
 * @param reservationKey the key that signs reservation authorization codes, if configured
 * @param signer receives the key that signs each request
 * @param gates receives, after every stored change, whether each entitlement is allowed
 * @param keyAlgorithm the algorithm of the device key pair made at each registration
 * @param secureRandom randomness for device keys and signatures
 */
public record EngineConfig(
    ProductPolicy policy,
    List<Udi> udis,
    LicensingTransport transport,
    TrustedStore store,
    AgentScheduler scheduler,
    Clock clock,
    LongSupplier ticker,
    RandomGenerator random,
    AgentListener listener,
    Optional<String> hostname,
    String agentVersion,
    boolean versionPrivacy,
    List<EntitlementTag> classicLicenses,
    KeyAlgorithm keyAlgorithm,
    SecureRandom secureRandom,
    Optional<PinnedRoot> pinnedRoot,
    Optional<PublicKey> reservationKey,
    CurrentSigner signer,
    Consumer<Map<EntitlementTag, Boolean>> gates) {}
