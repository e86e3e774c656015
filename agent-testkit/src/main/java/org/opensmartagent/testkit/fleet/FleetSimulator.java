package org.opensmartagent.testkit.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.MockLicenseServer;
import org.opensmartagent.testkit.TagUsage;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.Transports;

/**
 * Simulates a fleet of product instances through a license year against one {@link
 * MockLicenseServer} over real HTTP on loopback. Every agent has its own UDI, keys and store; all
 * share one {@link VirtualTime} (scheduler and clock, the server's clock too) and one HTTP channel
 * (one connection pool, as per-agent clients would hold one socket and one server thread each).
 *
 * <p>The year: agents register at random hours of the registration window (each batch of an hour on
 * {@code workers} threads while virtual time stands still), then live on their own timers
 * (authorization renewal, ID renewal, usage reports) run by the one thread that advances time. Some
 * change their usage, some over-use, some deregister. Not thread-safe; {@link #run} once.
 */
public final class FleetSimulator {
  static final EntitlementTag FEATURE = EntitlementTag.parse("ESA_Anti_Malware");
  static final ProductPolicy POLICY =
      ProductPolicy.builder()
          .productName("Email Security Appliance")
          .entitlement(
              EntitlementDefinition.feature(FEATURE.value(), "Anti-Malware")
                  .withUnit(CountUnit.USERS))
          .build();
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final long MAX_USE = 10;

  private final Builder config;
  private final VirtualTime time = new VirtualTime(START);
  private final Map<EventCode, LongAdder> events = new EnumMap<>(EventCode.class);
  private final LongAdder usageChanges = new LongAdder();
  private final LongAdder overUses = new LongAdder();

  private FleetSimulator(Builder b) {
    this.config = b;
    for (EventCode c : EventCode.values()) {
      events.put(c, new LongAdder());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs the simulation and reports; stops the server and closes every agent before returning. */
  public FleetReport run() throws IOException, StoreException, InterruptedException {
    ResourceSampler sampler = new ResourceSampler(50);
    long heapBefore = sampler.heapAfterGc();
    long wallStart = System.nanoTime();
    ExecutorService workers = Executors.newFixedThreadPool(config.workers);
    Optional<Path> disk =
        config.onDisk ? Optional.of(Files.createTempDirectory("fleet-stores")) : Optional.empty();
    try (MockLicenseServer server = startServer();
        TimedChannel channel =
            new TimedChannel(Transports.channel(server.transportSettings(config.kind)))) {
      List<String> tokens = createAccounts(server);
      SplittableRandom random = new SplittableRandom(config.seed);
      List<Device> devices = new ArrayList<>(config.agents);
      for (int i = 0; i < config.agents; i++) {
        devices.add(device(i, server, channel, disk, tokens, random));
      }
      long windowHours = config.registrationWindow.toHours();
      List<List<Device>> byHour = new ArrayList<>();
      for (long h = 0; h < windowHours; h++) {
        byHour.add(new ArrayList<>());
      }
      devices.forEach(d -> byHour.get((int) d.registerAtHour).add(d));
      Progress progress = new Progress(System.err, config.progress);
      long totalHours = config.duration.toHours();
      LongAdder registered = new LongAdder();
      LongAdder failed = new LongAdder();
      for (long h = 0; h < windowHours; h++) {
        List<Future<Boolean>> batch = new ArrayList<>();
        for (Device d : byHour.get((int) h)) {
          batch.add(workers.submit(d::register));
        }
        for (int i = 0; i < batch.size(); i++) {
          if (get(batch.get(i))) {
            registered.increment();
            plan(byHour.get((int) h).get(i), random.split());
          } else {
            failed.increment();
          }
        }
        time.advance(Duration.ofHours(1));
        progress.update((h + 1.0) / totalHours, "registered " + registered.sum());
      }
      long windowEnd = System.nanoTime();
      long renewalsAtWindow = renewals();
      for (long h = windowHours; h < totalHours; h += 24) {
        time.advance(Duration.ofHours(Math.min(24, totalHours - h)));
        progress.update((h + 24.0) / totalHours, "renewals " + (renewals() - renewalsAtWindow));
      }
      time.advance(Duration.ofMinutes(1)); // pending usage reports go out
      progress.done();
      long end = System.nanoTime();
      long heapWithFleet = sampler.heapAfterGc();
      FleetReport report =
          report(
              server,
              channel,
              devices,
              sampler,
              Duration.ofNanos(end - wallStart),
              Duration.ofNanos(windowEnd - wallStart),
              Duration.ofNanos(end - windowEnd),
              registered.sum(),
              failed.sum(),
              renewals() - renewalsAtWindow,
              (heapWithFleet - heapBefore) / Math.max(1, config.agents));
      devices.forEach(d -> d.agent.close());
      return report;
    } finally {
      workers.shutdownNow();
      sampler.close();
      if (disk.isPresent()) {
        deleteTree(disk.get());
      }
    }
  }

  private MockLicenseServer startServer() throws IOException {
    return MockLicenseServer.builder()
        .clock(time.clock())
        .random(new SecureRandom())
        .https(config.kind.requiresHttps() || config.https)
        .instanceLimit(Math.max(config.agentsPerSmartAccount, 25_000))
        .build()
        .start();
  }

  /** One smart account per {@code agentsPerSmartAccount}, one virtual account per 1,000 agents. */
  private List<String> createAccounts(MockLicenseServer server) {
    List<String> tokens = new ArrayList<>();
    int vas = (config.agents + config.agentsPerVirtualAccount - 1) / config.agentsPerVirtualAccount;
    for (int v = 0; v < vas; v++) {
      String sa = "fleet-sa-" + (v * config.agentsPerVirtualAccount / config.agentsPerSmartAccount);
      if (v * config.agentsPerVirtualAccount % config.agentsPerSmartAccount == 0) {
        server.admin().createSmartAccount(sa);
      }
      String va = "fleet-va-" + v;
      server.admin().createVirtualAccount(sa, va);
      long pool = (long) config.agentsPerVirtualAccount * (MAX_USE + 1) / 2 + MAX_USE;
      server.admin().addLicenses(va, LicenseGrant.perpetual(FEATURE, pool));
      tokens.add(
          server
              .admin()
              .createToken(va, new TokenSpec(va, 365, config.agentsPerVirtualAccount, false)));
    }
    return tokens;
  }

  private Device device(
      int i,
      MockLicenseServer server,
      TimedChannel channel,
      Optional<Path> disk,
      List<String> tokens,
      SplittableRandom random)
      throws StoreException {
    SmartAgent agent =
        SmartAgent.builder()
            .policy(POLICY)
            .udi(Udi.of("ESA-C170", String.format("FLT%07d", i)))
            .channel(shared(channel))
            .pinnedRoot(server.pinnedRoot())
            .store(store(i, disk))
            .scheduler(time)
            .clock(time.clock())
            .ticker(time.ticker())
            .random(random.split())
            .listener(this::count)
            .build();
    long hour = random.nextLong(config.registrationWindow.toHours());
    return new Device(
        agent, tokens.get(i / config.agentsPerVirtualAccount), hour, 1 + random.nextLong(MAX_USE));
  }

  private TrustedStore store(int i, Optional<Path> disk) throws StoreException {
    if (disk.isEmpty()) {
      return new InMemoryTrustedStore();
    }
    byte[] secret = new byte[32];
    new SplittableRandom(config.seed ^ i).nextBytes(secret);
    return FileTrustedStore.open(disk.get().resolve("agent-" + i), DeviceSecret.of(secret));
  }

  /** Schedules a registered device's year: usage changes, maybe over-use, maybe deregistration. */
  private void plan(Device d, SplittableRandom random) {
    long remaining = Math.max(1, config.duration.toHours() - d.registerAtHour - 1);
    int changes = random.nextInt(5);
    for (int c = 0; c < changes; c++) {
      boolean over = random.nextDouble() < config.overUseFraction;
      long count = over ? MAX_USE * 5 : 1 + random.nextLong(MAX_USE);
      time.schedule(
          Duration.ofHours(random.nextLong(remaining)).plusMinutes(random.nextInt(60)),
          () -> {
            usageChanges.increment();
            if (over) {
              overUses.increment();
            }
            d.use(count);
          });
    }
    if (random.nextDouble() < config.deregisterFraction) {
      time.schedule(Duration.ofHours(random.nextLong(remaining)), d::deregister);
    }
  }

  private void count(AgentEvent e) {
    events.get(e.code()).increment();
  }

  private long events(EventCode code) {
    return events.get(code).sum();
  }

  private long renewals() {
    return events(EventCode.AUTH_RENEW_SUCCESS) + events(EventCode.ID_CERT_RENEW_SUCCESS);
  }

  private FleetReport report(
      MockLicenseServer server,
      TimedChannel channel,
      List<Device> devices,
      ResourceSampler sampler,
      Duration wall,
      Duration window,
      Duration rest,
      long registered,
      long failed,
      long renewalsAfterWindow,
      long heapPerAgent) {
    List<Device> live = devices.stream().filter(Device::isRegistered).toList();
    long onServer = 0;
    int vas = (config.agents + config.agentsPerVirtualAccount - 1) / config.agentsPerVirtualAccount;
    for (int v = 0; v < vas; v++) {
      onServer += server.admin().usage("fleet-va-" + v).stream().mapToLong(TagUsage::inUse).sum();
    }
    long exchanges = 0;
    for (MessageType t : MessageType.values()) {
      exchanges += channel.count(t);
    }
    return new FleetReport(
        config.agents,
        config.duration,
        wall,
        window,
        rest,
        registered,
        failed,
        events(EventCode.AUTH_RENEW_SUCCESS),
        events(EventCode.ID_CERT_RENEW_SUCCESS),
        renewalsAfterWindow,
        usageChanges.sum(),
        overUses.sum(),
        events(EventCode.OUT_OF_COMPLIANCE),
        events(EventCode.AGENT_DEREG_SUCCESS),
        exchanges,
        channel.failures(),
        channel.latencies().percentile(50) / 1000,
        channel.latencies().percentile(99) / 1000,
        sampler.peakHeapBytes(),
        heapPerAgent,
        sampler.peakThreads(),
        live.size(),
        server.admin().instances().size(),
        live.stream().mapToLong(Device::usage).sum(),
        onServer);
  }

  private static boolean get(Future<Boolean> f) throws InterruptedException {
    try {
      return f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a registration failed unexpectedly", e.getCause());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * Runs a fleet from the command line: {@code [--agents N] [--days D] [--disk] [--kind
   * DIRECT|TRANSPORT_GATEWAY|SMART_TRANSPORT] [--https] [--seed S] [--workers W] [--window-days D]
   * [--progress]} (picocli; see {@code FleetArguments}). Exits 2 on a bad argument.
   */
  public static void main(String[] args) throws Exception {
    Builder b;
    try {
      b = FleetArguments.parse(args, System.console() != null);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(FleetArguments.usage());
      System.exit(2);
      return;
    }
    System.out.println(b.build().run());
  }

  /** Configures a {@link FleetSimulator}. */
  public static final class Builder {
    private int agents = 100;
    private boolean onDisk;
    private TransportKind kind = TransportKind.DIRECT;
    private boolean https;
    private long seed = 1;
    private Duration duration = Duration.ofDays(365);
    private Duration registrationWindow = Duration.ofDays(3);
    private int workers = Runtime.getRuntime().availableProcessors();
    private int agentsPerSmartAccount = 25_000;
    private int agentsPerVirtualAccount = 1_000;
    private double overUseFraction = 0.05;
    private double deregisterFraction = 0.02;
    private boolean progress;

    private Builder() {}

    public Builder agents(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("agents must be at least 1; got " + n);
      }
      this.agents = n;
      return this;
    }

    /** Each agent keeps a {@code FileTrustedStore} in a temp directory instead of memory. */
    public Builder onDisk(boolean onDisk) {
      this.onDisk = onDisk;
      return this;
    }

    public Builder transport(TransportKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind == null");
      return this;
    }

    /** Serve https even where the transport does not require it. */
    public Builder https(boolean https) {
      this.https = https;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The simulated period, whole hours of at least the registration window. */
    public Builder duration(Duration duration) {
      this.duration = Objects.requireNonNull(duration, "duration == null");
      return this;
    }

    /** Registrations are spread over this period's whole hours (3 days by default). */
    public Builder registrationWindow(Duration window) {
      if (window.toHours() < 1) {
        throw new IllegalArgumentException("registrationWindow must be at least 1 hour");
      }
      this.registrationWindow = window;
      return this;
    }

    /** Threads that register one hour's batch in parallel; the processor count by default. */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be at least 1; got " + workers);
      }
      this.workers = workers;
      return this;
    }

    /** Agents per smart account (25,000, the server's default instance limit). */
    public Builder agentsPerSmartAccount(int n) {
      this.agentsPerSmartAccount = n;
      return this;
    }

    public Builder overUseFraction(double f) {
      this.overUseFraction = f;
      return this;
    }

    public Builder deregisterFraction(double f) {
      this.deregisterFraction = f;
      return this;
    }

    /** Draw a progress bar on stderr (the default of {@code main} when a console is attached). */
    public Builder progress(boolean progress) {
      this.progress = progress;
      return this;
    }

    public FleetSimulator build() {
      if (duration.compareTo(registrationWindow) < 0) {
        throw new IllegalArgumentException(
            "duration "
                + duration
                + " is shorter than the registration window "
                + registrationWindow);
      }
      if (agentsPerSmartAccount % agentsPerVirtualAccount != 0) {
        throw new IllegalArgumentException(
            "agentsPerSmartAccount must be a multiple of " + agentsPerVirtualAccount);
      }
      return new FleetSimulator(this);
    }
  }

  /** One channel for the whole fleet: an agent closing does not close it. */
  private static MessageChannel shared(MessageChannel channel) {
    return new MessageChannel() {
      @Override
      public SignedMessage exchange(SignedMessage request) throws TransportException {
        return channel.exchange(request);
      }

      @Override
      public String description() {
        return channel.description();
      }
    };
  }
}
