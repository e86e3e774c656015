package org.opensmartagent.core.internal;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * Everything the engine is built from; assembled by {@code SmartAgent.Builder} through {@link
 * #builder()}. Immutable. {@link Builder#build()} fails with a message naming the first required
 * setting that is missing.
 */
public final class EngineConfig {
  private final ProductPolicy policy;
  private final List<Udi> udis;
  private final LicensingTransport transport;
  private final TrustedStore store;
  private final AgentScheduler scheduler;
  private final Clock clock;
  private final LongSupplier ticker;
  private final RandomGenerator random;
  private final AgentListener listener;
  private final Optional<String> hostname;
  private final String agentVersion;
  private final boolean versionPrivacy;
  private final List<EntitlementTag> classicLicenses;
  private final KeyAlgorithm keyAlgorithm;
  private final SecureRandom secureRandom;
  private final Optional<PinnedRoot> pinnedRoot;
  private final Optional<PublicKey> reservationKey;
  private final List<byte[]> reservationChain;
  private final CurrentSigner signer;
  private final Consumer<Map<EntitlementTag, Boolean>> gates;

  private EngineConfig(Builder b) {
    this.policy = b.policy;
    this.udis = b.udis;
    this.transport = b.transport;
    this.store = b.store;
    this.scheduler = b.scheduler;
    this.clock = b.clock;
    this.ticker = b.ticker;
    this.random = b.random;
    this.listener = b.listener;
    this.hostname = b.hostname;
    this.agentVersion = b.agentVersion;
    this.versionPrivacy = b.versionPrivacy;
    this.classicLicenses = b.classicLicenses;
    this.keyAlgorithm = b.keyAlgorithm;
    this.secureRandom = b.secureRandom;
    this.pinnedRoot = b.pinnedRoot;
    this.reservationKey = b.reservationKey;
    this.reservationChain = b.reservationChain;
    this.signer = b.signer;
    this.gates = b.gates;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The product's entitlements and timing. */
  public ProductPolicy policy() {
    return policy;
  }

  /** The device's UDIs, first the one that identifies it. */
  public List<Udi> udis() {
    return udis;
  }

  /** Carries the messages to the license server. */
  public LicensingTransport transport() {
    return transport;
  }

  /** Keeps the agent's state. */
  public TrustedStore store() {
    return store;
  }

  /** Runs the wake-ups. */
  public AgentScheduler scheduler() {
    return scheduler;
  }

  /** The wall clock. */
  public Clock clock() {
    return clock;
  }

  /** Monotonic nanoseconds, to measure time across a wall-clock jump. */
  public LongSupplier ticker() {
    return ticker;
  }

  /** Jitter and nonces. */
  public RandomGenerator random() {
    return random;
  }

  /** Receives every event. */
  public AgentListener listener() {
    return listener;
  }

  /** The hostname reported at registration, if any. */
  public Optional<String> hostname() {
    return hostname;
  }

  /** The agent version reported at registration. */
  public String agentVersion() {
    return agentVersion;
  }

  /** Whether the version is withheld. */
  public boolean versionPrivacy() {
    return versionPrivacy;
  }

  /** Classic licenses to convert at the first registration. */
  public List<EntitlementTag> classicLicenses() {
    return classicLicenses;
  }

  /** The algorithm of the device key pair made at each registration. */
  public KeyAlgorithm keyAlgorithm() {
    return keyAlgorithm;
  }

  /** Randomness for device keys and signatures. */
  public SecureRandom secureRandom() {
    return secureRandom;
  }

  /** The licensing root that server material must chain to, if any. */
  public Optional<PinnedRoot> pinnedRoot() {
    return pinnedRoot;
  }

  /** The key that signs reservation authorization codes, if configured. */
  public Optional<PublicKey> reservationKey() {
    return reservationKey;
  }

  /**
   * The certificate chain (leaf first, DER) of {@link #reservationKey}, checked against the {@link
   * #pinnedRoot} when it was configured except for its validity window: empty without one.
   */
  public List<byte[]> reservationChain() {
    return reservationChain.stream().map(byte[]::clone).toList();
  }

  /** Receives the key that signs each request. */
  public CurrentSigner signer() {
    return signer;
  }

  /** Receives, after every stored change, whether each entitlement is allowed. */
  public Consumer<Map<EntitlementTag, Boolean>> gates() {
    return gates;
  }

  /** Builds an {@link EngineConfig}; every setting without a default is required. */
  public static final class Builder {
    private ProductPolicy policy;
    private List<Udi> udis;
    private LicensingTransport transport;
    private TrustedStore store;
    private AgentScheduler scheduler;
    private Clock clock;
    private LongSupplier ticker;
    private RandomGenerator random;
    private AgentListener listener = e -> {};
    private Optional<String> hostname = Optional.empty();
    private String agentVersion = "";
    private boolean versionPrivacy = false;
    private List<EntitlementTag> classicLicenses = List.of();
    private KeyAlgorithm keyAlgorithm;
    private SecureRandom secureRandom;
    private Optional<PinnedRoot> pinnedRoot = Optional.empty();
    private Optional<PublicKey> reservationKey = Optional.empty();
    private List<byte[]> reservationChain = List.of();
    private CurrentSigner signer = new CurrentSigner();
    private Consumer<Map<EntitlementTag, Boolean>> gates = g -> {};

    private Builder() {}

    public Builder policy(ProductPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    public Builder udis(List<Udi> udis) {
      this.udis = Objects.requireNonNull(udis, "udis == null");
      return this;
    }

    public Builder transport(LicensingTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport == null");
      return this;
    }

    public Builder store(TrustedStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    public Builder scheduler(AgentScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker == null");
      return this;
    }

    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    public Builder listener(AgentListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    public Builder hostname(Optional<String> hostname) {
      this.hostname = Objects.requireNonNull(hostname, "hostname == null");
      return this;
    }

    public Builder agentVersion(String agentVersion) {
      this.agentVersion = Objects.requireNonNull(agentVersion, "agentVersion == null");
      return this;
    }

    public Builder versionPrivacy(boolean versionPrivacy) {
      this.versionPrivacy = versionPrivacy;
      return this;
    }

    public Builder classicLicenses(List<EntitlementTag> classicLicenses) {
      this.classicLicenses = Objects.requireNonNull(classicLicenses, "classicLicenses == null");
      return this;
    }

    public Builder keyAlgorithm(KeyAlgorithm keyAlgorithm) {
      this.keyAlgorithm = Objects.requireNonNull(keyAlgorithm, "keyAlgorithm == null");
      return this;
    }

    public Builder secureRandom(SecureRandom secureRandom) {
      this.secureRandom = Objects.requireNonNull(secureRandom, "secureRandom == null");
      return this;
    }

    public Builder pinnedRoot(Optional<PinnedRoot> pinnedRoot) {
      this.pinnedRoot = Objects.requireNonNull(pinnedRoot, "pinnedRoot == null");
      return this;
    }

    public Builder reservationKey(Optional<PublicKey> reservationKey) {
      this.reservationKey = Objects.requireNonNull(reservationKey, "reservationKey == null");
      return this;
    }

    public Builder reservationChain(List<byte[]> leafFirst) {
      this.reservationChain =
          Objects.requireNonNull(leafFirst, "leafFirst == null").stream()
              .map(byte[]::clone)
              .toList();
      return this;
    }

    public Builder signer(CurrentSigner signer) {
      this.signer = Objects.requireNonNull(signer, "signer == null");
      return this;
    }

    public Builder gates(Consumer<Map<EntitlementTag, Boolean>> gates) {
      this.gates = Objects.requireNonNull(gates, "gates == null");
      return this;
    }

    public EngineConfig build() {
      require(policy, "policy");
      require(udis, "udis");
      require(transport, "transport");
      require(store, "store");
      require(scheduler, "scheduler");
      require(clock, "clock");
      require(ticker, "ticker");
      require(random, "random");
      require(keyAlgorithm, "keyAlgorithm");
      require(secureRandom, "secureRandom");
      if (udis.isEmpty()) {
        throw new IllegalStateException("udis is empty: give at least the device's UDI");
      }
      return new EngineConfig(this);
    }

    private static void require(Object value, String name) {
      if (value == null) {
        throw new IllegalStateException(
            "EngineConfig: " + name + " is missing; set it on the builder");
      }
    }
  }
}
