package org.opensmartagent.core;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.opensmartagent.core.identity.ChainValidator;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.KeyAlgorithm;
import org.opensmartagent.core.identity.PinnedRoot;
import org.opensmartagent.core.internal.AgentEngine;
import org.opensmartagent.core.internal.EngineConfig;
import org.opensmartagent.core.internal.wire.BoundedChannel;
import org.opensmartagent.core.internal.wire.CurrentSigner;
import org.opensmartagent.core.internal.wire.SignedTransport;
import org.opensmartagent.core.reservation.CodeInspection;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReturnCode;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.time.AgentScheduler;
import org.opensmartagent.core.time.Schedulers;
import org.opensmartagent.core.transport.LicensingTransport;
import org.opensmartagent.core.transport.MessageChannel;

/**
 * The device-side smart licensing agent. Firmware builds one per product instance, enables smart
 * licensing, requests the entitlements it uses and asks {@link #isAllowed} (or a {@link
 * FeatureGate}) before using a feature; operators register, renew and deregister through it.
 *
 * <p>Thread-safe. Feature checks and {@link #status()} never block. Operations that talk to the
 * license server block the calling thread until the server answers or the transport gives up; only
 * one runs at a time. Renewals run by themselves on the scheduler. A change that cannot be stored
 * throws {@link org.opensmartagent.core.internal.AgentStoreException} and is not applied. {@link
 * #close()} stops the agent's timers (and its own scheduler thread, if it made one) and closes the
 * store and the channel it was given.
 */
public final class SmartAgent implements AutoCloseable {
  /** The agent's version, sent at registration unless version privacy is on. */
  public static final String VERSION = "0.1.0";

  private final AgentEngine engine;
  private final Map<EntitlementTag, FeatureGate> gates;
  private final Optional<Schedulers.ClosableScheduler> ownScheduler;
  private final Optional<MessageChannel> channel;

  private SmartAgent(
      AgentEngine engine,
      Map<EntitlementTag, FeatureGate> gates,
      Optional<Schedulers.ClosableScheduler> ownScheduler,
      Optional<MessageChannel> channel) {
    this.engine = engine;
    this.gates = gates;
    this.ownScheduler = ownScheduler;
    this.channel = channel;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Enables smart licensing (once enabled it stays enabled). Does nothing if already enabled. */
  public void enable() {
    engine.enable();
  }

  /** Starts using an entitlement, or changes how many are used. */
  public void request(EntitlementRequest request) {
    engine.request(Objects.requireNonNull(request, "request == null"));
  }

  /** Starts using one device's worth of a per-device entitlement. */
  public void request(EntitlementTag tag) {
    request(EntitlementRequest.one(tag));
  }

  /**
   * Sets how much of an entitlement is in use, counted in its declared unit: zero releases it,
   * anything more requests that count. Convenient when firmware tracks a live count (users,
   * connections).
   */
  public void setUsage(EntitlementTag tag, long count) {
    if (count < 0) {
      throw new IllegalArgumentException("usage of " + tag + " must not be negative: " + count);
    }
    EntitlementDefinition d = engine.config().policy().requireEntitlement(tag);
    if (count == 0) {
      release(tag);
    } else {
      request(new EntitlementRequest(tag, count, d.unit()));
    }
  }

  /** Stops using an entitlement. Base entitlements can't be released. */
  public void release(EntitlementTag tag) {
    engine.release(Objects.requireNonNull(tag, "tag == null"));
  }

  /**
   * Whether the feature may be used now. Never blocks, never allocates.
   *
   * @throws IllegalArgumentException if the product does not declare {@code tag}
   */
  public boolean isAllowed(EntitlementTag tag) {
    return feature(tag).isAllowed();
  }

  /** The gate of one declared feature, for the hot path. */
  public FeatureGate feature(EntitlementTag tag) {
    FeatureGate gate = gates.get(tag);
    if (gate == null) {
      engine.config().policy().requireEntitlement(tag); // throws with the list of known tags
    }
    return gate;
  }

  /** A consistent snapshot of the agent's state. Never blocks. */
  public AgentStatus status() {
    return engine.status();
  }

  /**
   * Registers the product with a token from the virtual account; with {@code force}, replaces an
   * existing registration. The token is used once and never stored or logged. On success the agent
   * also asks for its first authorization.
   *
   * @throws IllegalArgumentException if the token is malformed
   * @throws IllegalStateException if registering is not valid now (not enabled, already registered
   *     without force, a reservation on the device)
   */
  public OperationResult register(String token, boolean force) {
    return engine.server().register(token, force);
  }

  public OperationResult register(String token) {
    return register(token, false);
  }

  /** Reports usage and renews the authorization now. Only while registered. */
  public OperationResult renewAuthorization() {
    return engine.server().renewAuthorization();
  }

  /** Renews the ID certificate now. Only while registered. */
  public OperationResult renewId() {
    return engine.server().renewId();
  }

  /**
   * Deregisters: tells the license server to free this instance's licenses and always clears the
   * local registration, even when the server can't be told (the result then says so).
   */
  public OperationResult deregister() {
    return engine.server().deregister();
  }

  // ---- offline reservation ---------------------------------------------------------------

  /** Enables license reservation (refused while registered: "Already registered"). */
  public void enableReservation() {
    engine.reservation().enable();
  }

  /** Disables license reservation; a pending request code is cancelled, an installed one kept. */
  public void disableReservation() {
    engine.reservation().disable();
  }

  /** The request code to copy to the license server; the same one until it is cancelled. */
  public RequestCode requestCode(ReservationType type) {
    return engine.reservation().requestCode(Objects.requireNonNull(type, "type == null"));
  }

  /**
   * Installs the authorization code (the {@code <specificPLR>} text, possibly wrapped in {@code
   * <smartLicense>}) that answers the pending request code.
   *
   * @throws IllegalArgumentException when the code is malformed, altered, for another device or for
   *     another request; nothing is changed
   */
  public void installAuthorizationCode(String code) {
    engine.reservation().install(Objects.requireNonNull(code, "code == null"));
  }

  /** Installs an updated SLR code; returns the 8-character confirmation code for the server. */
  public String reauthorize(String code) {
    return engine.reservation().reauthorize(Objects.requireNonNull(code, "code == null"));
  }

  /** Removes the installed reservation; the return code frees its licenses on the server. */
  public ReturnCode returnReservation() {
    return engine.reservation().returnReservation();
  }

  /** Cancels the pending request code; the next request code will be a new one. */
  public void cancelReservation() {
    engine.reservation().cancel();
  }

  /** Reads an authorization code without installing it. */
  public CodeInspection inspectAuthorizationCode(String code) {
    return engine.reservation().inspect(Objects.requireNonNull(code, "code == null"));
  }

  /**
   * Checks that transport settings may be edited now, as real devices do: only while the product is
   * not registered (and holds no reservation).
   *
   * @throws IllegalStateException saying to deregister first
   */
  public void requireTransportSettingsEditable() {
    RegistrationState state = status().registration().state();
    if (state.isRegistered() || state.isReservation()) {
      throw new IllegalStateException(
          "Please deregister product to edit transport settings (the product is "
              + state.displayName()
              + ")");
    }
  }

  @Override
  public void close() {
    engine.close();
    channel.ifPresent(MessageChannel::close);
    ownScheduler.ifPresent(Schedulers.ClosableScheduler::close);
  }

  /** Builds a {@link SmartAgent}. Required: policy, UDI, transport and store. */
  public static final class Builder {
    private ProductPolicy policy;
    private final List<Udi> udis = new ArrayList<>();
    private Optional<LicensingTransport> transport = Optional.empty();
    private Optional<MessageChannel> channel = Optional.empty();
    private Optional<PinnedRoot> pinnedRoot = Optional.empty();
    private List<byte[]> reservationChain = List.of();
    private TrustedStore store;
    private Optional<AgentScheduler> scheduler = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private LongSupplier ticker = System::nanoTime;
    private Optional<RandomGenerator> random = Optional.empty();
    private AgentListener listener = AgentListener.NONE;
    private Optional<String> hostname = Optional.empty();
    private boolean versionPrivacy;
    private final List<EntitlementTag> classicLicenses = new ArrayList<>();
    private KeyAlgorithm keyAlgorithm = KeyAlgorithm.DEFAULT;
    private Optional<SecureRandom> secureRandom = Optional.empty();

    private Builder() {}

    public Builder policy(ProductPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /** The device's UDI; call again for each member of an HA pair or stack (primary first). */
    public Builder udi(Udi udi) {
      Objects.requireNonNull(udi, "udi == null");
      if (udis.contains(udi)) {
        throw new IllegalArgumentException("UDI " + udi + " given twice");
      }
      udis.add(udi);
      return this;
    }

    /** A ready transport (a test fake, or your own); use {@link #channel} for the real protocol. */
    public Builder transport(LicensingTransport transport) {
      this.transport = Optional.of(Objects.requireNonNull(transport, "transport == null"));
      return this;
    }

    /**
     * The wire to the license server (an HTTP transport from agent-transport). Requests are signed
     * with the device's keys and every answer is verified against the {@link #pinnedRoot} before
     * anything in it is used. The channel is closed with the agent.
     */
    public Builder channel(MessageChannel channel) {
      this.channel = Optional.of(Objects.requireNonNull(channel, "channel == null"));
      return this;
    }

    /**
     * The certificate chain (leaf first, DER) of the key that signs reservation authorization
     * codes, as shipped with the product. It must chain to the {@link #pinnedRoot}; without it no
     * authorization code can be installed. Its validity window is checked when a code is installed,
     * not at start, so a wrong device clock never stops the agent starting.
     */
    public Builder reservationSigningChain(List<byte[]> leafFirst) {
      Objects.requireNonNull(leafFirst, "leafFirst == null");
      if (leafFirst.isEmpty()) {
        throw new IllegalArgumentException("reservation signing chain is empty");
      }
      this.reservationChain = leafFirst.stream().map(byte[]::clone).toList();
      return this;
    }

    private Optional<PublicKey> reservationKey() {
      if (reservationChain.isEmpty()) {
        return Optional.empty();
      }
      PinnedRoot root =
          pinnedRoot.orElseThrow(
              () ->
                  new IllegalStateException(
                      "pinnedRoot is missing: the reservation signing chain is checked against it"));
      try {
        // the device clock may be wrong at start (no NTP yet): a wrong clock never stops the agent
        // starting; the time is checked when a code is installed
        return Optional.of(
            new ChainValidator(root)
                .validateSigningChainIgnoringTime(reservationChain)
                .getPublicKey());
      } catch (IdentityException e) {
        throw new IllegalStateException(
            "The reservation signing chain does not validate against the pinned root: "
                + e.getMessage(),
            e);
      }
    }

    /** The licensing root CA that ships with the product; required with {@link #channel}. */
    public Builder pinnedRoot(PinnedRoot root) {
      this.pinnedRoot = Optional.of(Objects.requireNonNull(root, "root == null"));
      return this;
    }

    /** Where the agent keeps its state; closed with the agent. */
    public Builder store(TrustedStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /** A scheduler to share with other agents; not closed with the agent. */
    public Builder scheduler(AgentScheduler scheduler) {
      this.scheduler = Optional.of(Objects.requireNonNull(scheduler, "scheduler == null"));
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * A monotonic nanosecond source (default {@code System::nanoTime}) that lets the agent measure
     * time exactly across a wall-clock jump. Give {@link
     * org.opensmartagent.core.time.VirtualTime#ticker()} together with its clock in simulations.
     */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker == null");
      return this;
    }

    /** Randomness for nonces and retry jitter; defaults to a {@link SecureRandom}. */
    public Builder random(RandomGenerator random) {
      this.random = Optional.of(Objects.requireNonNull(random, "random == null"));
      return this;
    }

    public Builder listener(AgentListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** The host name sent at registration; leave unset for hostname privacy. */
    public Builder hostname(String hostname) {
      this.hostname = Optional.of(Objects.requireNonNull(hostname, "hostname == null"));
      return this;
    }

    /** When true, the agent's version is not sent to the license server. */
    public Builder versionPrivacy(boolean enabled) {
      this.versionPrivacy = enabled;
      return this;
    }

    /** Classic (pre-smart) licenses to convert at registration (Device Led Conversion). */
    public Builder classicLicense(EntitlementTag tag) {
      classicLicenses.add(Objects.requireNonNull(tag, "tag == null"));
      return this;
    }

    /** The algorithm of the device key pair (ECDSA P-256 by default; RSA-2048 selectable). */
    public Builder keyAlgorithm(KeyAlgorithm algorithm) {
      this.keyAlgorithm = Objects.requireNonNull(algorithm, "algorithm == null");
      return this;
    }

    /** Randomness for device keys and signatures; defaults to a new {@link SecureRandom}. */
    public Builder secureRandom(SecureRandom random) {
      this.secureRandom = Optional.of(Objects.requireNonNull(random, "random == null"));
      return this;
    }

    /**
     * Loads the stored state and starts the agent.
     *
     * @throws StoreException when the store cannot be read at all
     * @throws IllegalStateException when a required setting is missing
     */
    public SmartAgent build() throws StoreException {
      require(policy, "policy", "ProductPolicy.builder()...build()");
      if (transport.isPresent() == channel.isPresent()) {
        throw new IllegalStateException(
            "Give exactly one of transport(...) (a fake or your own) or channel(...) (the real"
                + " protocol over HTTP)");
      }
      if (channel.isPresent() && pinnedRoot.isEmpty()) {
        throw new IllegalStateException(
            "pinnedRoot is missing: answers over a channel are verified against the licensing"
                + " root that ships with the product; give it with pinnedRoot(...)");
      }
      CurrentSigner signer = new CurrentSigner();
      // the firmware's channel is held to the agent's deadline even if it ignores it
      Optional<MessageChannel> bounded = channel.map(BoundedChannel::new);
      LicensingTransport wire =
          transport.orElseGet(
              () ->
                  new SignedTransport(
                      bounded.get(), pinnedRoot.get(), clock, policy.clockSkewTolerance(), signer));
      require(store, "store", "FileTrustedStore.open(dir, DeviceSecret.randomFileIn(dir))");
      if (udis.isEmpty()) {
        throw new IllegalStateException("udi is missing: give the device's UDI with udi(...)");
      }
      Optional<Schedulers.ClosableScheduler> own =
          scheduler.isPresent()
              ? Optional.empty()
              : Optional.of(Schedulers.daemon("smart-agent", 1));
      Map<EntitlementTag, FeatureGate> gates = new HashMap<>();
      policy.entitlements().forEach(d -> gates.put(d.tag(), new FeatureGate(d.tag())));
      EngineConfig config =
          EngineConfig.builder()
              .policy(policy)
              .udis(List.copyOf(udis))
              .transport(wire)
              .store(store)
              .scheduler(scheduler.orElseGet(own::get))
              .clock(clock)
              .ticker(ticker)
              .random(random.orElseGet(SecureRandom::new))
              .listener(listener)
              .hostname(hostname)
              .agentVersion(VERSION)
              .versionPrivacy(versionPrivacy)
              .classicLicenses(List.copyOf(classicLicenses))
              .keyAlgorithm(keyAlgorithm)
              .secureRandom(secureRandom.orElseGet(SecureRandom::new))
              .pinnedRoot(pinnedRoot)
              .reservationKey(reservationKey())
              .reservationChain(reservationChain)
              .signer(signer)
              .gates(allowed -> allowed.forEach((tag, ok) -> gates.get(tag).set(ok)))
              .build();
      try {
        return new SmartAgent(AgentEngine.start(config), Map.copyOf(gates), own, bounded);
      } catch (StoreException | RuntimeException e) {
        own.ifPresent(Schedulers.ClosableScheduler::close);
        throw e;
      }
    }

    private static void require(Object value, String name, String hint) {
      if (value == null) {
        throw new IllegalStateException(name + " is missing: set it with " + hint);
      }
    }
  }
}
