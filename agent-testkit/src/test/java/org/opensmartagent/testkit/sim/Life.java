package org.opensmartagent.testkit.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.EventCode;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.internal.AgentStoreException;
import org.opensmartagent.core.internal.StateInspector;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReturnCode;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.testkit.InstanceInfo;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.ReservationLine;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.transport.TransportKind;

/**
 * One device life: the real agent over real HTTP against the shared mock license server, on the
 * life's virtual time, driven through its steps. After every step it checks the invariants and
 * stops at the first one broken.
 */
final class Life {
  static final EntitlementTag MAIL = EntitlementTag.parse("ESA_Mail_Handling");
  static final List<EntitlementTag> FEATURES =
      Stream.of("ESA_Anti_Malware", "ESA_Outbreak_Filters", "ESA_DLP", "ESA_Graymail")
          .map(EntitlementTag::parse)
          .toList();
  static final String[] POLICY_NAMES = {"v1", "v2 (adds Graymail)", "v3 (drops DLP)"};
  private static final List<ProductPolicy> POLICIES =
      List.of(policy(List.of(0, 1, 2)), policy(List.of(0, 1, 2, 3)), policy(List.of(0, 1)));

  private static final Set<RegistrationState> ATTEMPTS =
      EnumSet.of(
          RegistrationState.REGISTERING,
          RegistrationState.REGISTRATION_RETRY,
          RegistrationState.REGISTRATION_FAILED);
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration SLACK = Duration.ofSeconds(1);
  private static final Duration QUIET = Duration.ofDays(3);
  private static final Duration HOUR = Duration.ofHours(1);

  /**
   * Whether the device's network is up, how many exchanges it attempted, and how many more answers
   * the server delays (a slow server: the delay ends after them).
   */
  static final class Network {
    volatile boolean down;
    volatile int exchanges;
    int slowAnswers;
    Runnable endSlow = () -> {};
  }

  /** How a life went: its first broken invariant, if any, and how much it did. */
  record Outcome(Optional<Failure> failure, int steps, int exchanges) {}

  /** The first invariant a life broke: at which step (-1: the final quiet time) and how. */
  record Failure(int step, String message) {
    /** The broken invariant's name, used to keep shrinking on the same failure. */
    String category() {
      int colon = message.indexOf(':');
      return colon < 0 ? message : message.substring(0, colon);
    }
  }

  /** An invariant broken: ends the life. */
  static final class Broken extends RuntimeException {
    Broken(String message) {
      super(message, null, false, false);
    }
  }

  private final World world;
  private final long seed;
  private final List<Step> steps;
  private final VirtualTime time;
  private final RecordingScheduler scheduler;
  private final SimStore store;
  private final Network network = new Network();
  private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  private final TransportKind kind;
  private final Udi udi;
  private final String account;
  private final String token;
  private ProductPolicy policy = POLICIES.get(0);
  private Optional<SmartAgent> agent = Optional.empty();
  private long bootNanos;
  private int boots;
  private Optional<Duration> evaluationSeen = Optional.empty();
  private boolean clockTouched;

  /** After a power cycle: how much evaluation the device may get back (what was not stored). */
  private Optional<Duration> givenBack = Optional.empty();

  private long stopAt = Long.MAX_VALUE;
  private int eventsChecked;

  private Life(World world, long seed, List<Step> steps) {
    this.world = world;
    this.seed = seed;
    this.steps = steps;
    this.time = world.newLife();
    this.scheduler = new RecordingScheduler(time);
    this.store = new SimStore(time.ticker());
    Random r = new Random(seed);
    this.kind = r.nextBoolean() ? TransportKind.DIRECT : TransportKind.TRANSPORT_GATEWAY;
    this.account = world.newVirtualAccount();
    this.udi = Udi.of("ESA-C170", "SIM" + account.substring(5) + "X" + Long.toHexString(seed));
    this.token =
        world
            .server
            .admin()
            .createToken(account, new TokenSpec("simulated life", 365, 1000, false));
    world.server.admin().addLicenses(account, LicenseGrant.perpetual(MAIL, 5));
    for (EntitlementTag tag : FEATURES) {
      world.server.admin().addLicenses(account, LicenseGrant.perpetual(tag, 1 + r.nextInt(8)));
    }
  }

  /** Runs the life; the first invariant it breaks, if any. */
  static Optional<Failure> run(World world, long seed, List<Step> steps) {
    return run(world, seed, steps, Long.MAX_VALUE).failure();
  }

  /**
   * As {@link #run(World, long, List)}, but a life still running at {@code stopAt} ({@link
   * System#nanoTime()}) ends there, without its quiet time: what it did so far was checked.
   */
  static Outcome run(World world, long seed, List<Step> steps, long stopAt) {
    Life life = new Life(world, seed, steps);
    life.stopAt = stopAt;
    try {
      return life.live();
    } finally {
      life.agent.ifPresent(SmartAgent::close);
    }
  }

  private Outcome live() {
    int i = 0;
    try {
      boot();
      check();
      for (; i < steps.size(); i++) {
        if (System.nanoTime() - stopAt > 0) {
          // out of time: the steps so far kept every invariant
          return new Outcome(Optional.empty(), i, network.exchanges);
        }
        perform(steps.get(i));
        check();
      }
      i = -1;
      quietTime();
      return new Outcome(Optional.empty(), steps.size(), network.exchanges);
    } catch (Broken e) {
      return new Outcome(
          Optional.of(new Failure(i, e.getMessage())),
          i < 0 ? steps.size() : i + 1,
          network.exchanges);
    }
  }

  // ---- steps -------------------------------------------------------------------------------

  private void perform(Step step) {
    if (agent.isEmpty() && step.kind() != Step.Kind.POWER_CYCLE) {
      boot(); // a device that failed to start is switched on again
    }
    try {
      act(step);
    } catch (AgentStoreException e) {
      // reported as not applied; the invariants check that it really was not
      expectMessage(e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      expectMessage(e); // misuse in this state, refused with a clear message
    } catch (Broken e) {
      throw e;
    } catch (RuntimeException e) {
      throw new Broken("unexpected exception: " + step + " threw " + e);
    }
  }

  private void act(Step step) {
    SmartAgent a = agent.orElseThrow();
    switch (step.kind()) {
      case ENABLE -> a.enable();
      case REQUEST ->
          declared(FEATURES.get((int) step.a())).ifPresent(t -> a.setUsage(t, step.b()));
      case RELEASE -> declared(FEATURES.get((int) step.a())).ifPresent(a::release);
      case REGISTER -> result(a.register(token, step.a() == 1));
      case DEREGISTER -> result(a.deregister());
      case RENEW_AUTH -> result(a.renewAuthorization());
      case RENEW_ID -> result(a.renewId());
      case RESERVE ->
          reserve(a, step.a() == 1 ? ReservationType.UNIVERSAL : ReservationType.SPECIFIC);
      case RETURN -> {
        ReturnCode code = a.returnReservation();
        world.server.admin().returnReservation(code.text());
        a.disableReservation();
      }
      case POWER_CYCLE -> powerCycle(step.duration());
      case UPGRADE -> {
        policy = POLICIES.get((int) step.a());
        powerCycle(Duration.ZERO);
      }
      case CLOCK_JUMP -> {
        time.setClock(time.now().plus(step.duration().multipliedBy(step.a())));
        clockTouched = true;
      }
      case NTP_CORRECT -> {
        time.setClock(world.trueNow());
        clockTouched = true;
      }
      case STORE_FAULT -> store.failNextSaves((int) step.b(), step.a() == 1);
      case SERVER_FAULT -> serverFault((int) step.a(), (int) step.b());
      case OUTAGE -> {
        network.down = true;
        advance(step.duration());
        network.down = false;
      }
      case ADVANCE -> advance(step.duration());
    }
  }

  private Optional<EntitlementTag> declared(EntitlementTag tag) {
    return policy.entitlement(tag).map(EntitlementDefinition::tag);
  }

  private void reserve(SmartAgent a, ReservationType type) {
    a.enableReservation();
    RequestCode request = a.requestCode(type);
    List<ReservationLine> lines =
        type == ReservationType.SPECIFIC
            ? List.of(new ReservationLine(FEATURES.get(0), 1))
            : List.of();
    String code = world.server.admin().reserve(account, request.text(), type, lines);
    a.installAuthorizationCode(code);
  }

  private void serverFault(int which, int times) {
    switch (which) {
      case 0 -> world.server.faults().failNext(times, 503);
      case 1 -> world.server.faults().failNext(times, 503, Duration.ofHours(times * 6L));
      case 2 -> world.server.faults().dropNext(times);
      case 3 -> world.server.faults().malformedNext(times);
      case 4 -> world.server.faults().tryAgainLaterNext(times, Duration.ofDays(times * 10L));
      default -> {
        // real time, below every timeout: bounded to the next answers so that it costs little
        world.server.faults().latency(Duration.ofMillis(20L * times));
        network.slowAnswers = times;
        network.endSlow = () -> world.server.faults().latency(Duration.ZERO);
      }
    }
  }

  private void advance(Duration d) {
    time.advance(d);
    if (d.compareTo(DAY) > 0) {
      clockTouched = false; // the agent has woken since and read the clock again
    }
  }

  private void powerCycle(Duration off) {
    Optional<AgentStatus> before = agent.map(SmartAgent::status);
    agent.ifPresent(SmartAgent::close);
    agent = Optional.empty();
    // what was counted since the last checkpoint, or, while the disk refused every save, since the
    // last save that reached it
    Duration unsaved = store.refusingFor();
    givenBack =
        Optional.of(
            unsaved.compareTo(policy.checkpointInterval()) > 0
                ? unsaved
                : policy.checkpointInterval());
    if (!off.isZero()) {
      time.advance(off);
    }
    boot();
    before.ifPresent(this::survived);
  }

  private void boot() {
    for (int attempt = 0; agent.isEmpty(); attempt++) {
      bootNanos = time.ticker().getAsLong();
      long boot = bootNanos;
      SimChannel channel = new SimChannel(world.channel(kind), network);
      try {
        agent =
            Optional.of(
                SmartAgent.builder()
                    .policy(policy)
                    .udi(udi)
                    .channel(channel)
                    .pinnedRoot(world.server.pinnedRoot())
                    .reservationSigningChain(world.server.reservationSigningChain())
                    .store(store)
                    .scheduler(scheduler)
                    .clock(time.clock())
                    .ticker(() -> time.ticker().getAsLong() - boot) // restarts at each boot
                    .random(new Random(seed * 31 + boots++))
                    .listener(events::add)
                    .build());
      } catch (AgentStoreException | StoreException e) {
        channel.close();
        if (attempt > 5) {
          throw new Broken("does not start: the store keeps failing: " + e.getMessage());
        }
      } catch (RuntimeException e) {
        channel.close();
        throw new Broken("does not start: " + e);
      }
    }
  }

  // ---- invariants --------------------------------------------------------------------------

  private void result(OperationResult r) {
    if (isBug(r.message())) {
      throw new Broken("a bug in the agent escaped: " + r);
    }
  }

  private static void expectMessage(RuntimeException e) {
    String m = String.valueOf(e.getMessage());
    if (isBug(m)) {
      throw new Broken("a bug in the agent escaped: " + e);
    }
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      throw new Broken("an error without a message: " + e);
    }
  }

  private static boolean isBug(String message) {
    return message.toLowerCase(Locale.ROOT).contains("bug");
  }

  private void checkEvents() {
    for (; eventsChecked < events.size(); eventsChecked++) {
      AgentEvent e = events.get(eventsChecked);
      if (isBug(e.message())) {
        throw new Broken("a bug in the agent escaped: event " + e);
      }
    }
  }

  private void check() {
    checkEvents();
    if (agent.isEmpty()) {
      return;
    }
    AgentStatus s = agent.get().status();
    Duration left = s.evaluation().remaining();
    // a power cycle may give back what was counted since the last checkpoint (when the save at
    // close failed), never more
    Duration allowed = givenBack.orElse(Duration.ZERO);
    // Right after a clock change (until the agent has woken on a settled clock) the status projects
    // the evaluation at the new clock before the agent has charged it: a forward jump corrected
    // before that costs nothing, and a clock set back before the counting started shows what was
    // not yet charged. Such readings are neither checked nor a floor; the next reading on a
    // settled clock is checked against the last settled one, so a rollback that really extends
    // the evaluation still fails.
    if (!clockTouched) {
      if (evaluationSeen.isPresent() && left.compareTo(evaluationSeen.get().plus(allowed)) > 0) {
        throw new Broken(
            "evaluation grew: from " + evaluationSeen.get() + " to " + left + " at " + s.takenAt());
      }
      evaluationSeen = Optional.of(left);
      givenBack = Optional.empty();
    }
    memoryAgreesWithDisk(s);
    neverSilent(s);
    if (s.authorization().state() == AuthorizationState.EVALUATION_EXPIRED
        && events.stream().noneMatch(e -> e.code() == EventCode.EVAL_EXPIRED)) {
      throw new Broken("silent expiry: EVALUATION_EXPIRED without an EVAL_EXPIRED event");
    }
  }

  private void memoryAgreesWithDisk(AgentStatus s) {
    RegistrationState shown = s.registration().state();
    if (ATTEMPTS.contains(shown)) {
      return; // an attempt under way is not stored
    }
    Optional<RegistrationState> stored;
    try {
      stored = store.payload().map(StateInspector::registration);
    } catch (IllegalArgumentException e) {
      throw new Broken("memory and disk disagree: the stored state does not decode: " + e);
    }
    if (stored.isPresent() && stored.get() != shown) {
      throw new Broken(
          "memory and disk disagree: status shows " + shown + ", the store holds " + stored.get());
    }
  }

  private void neverSilent(AgentStatus s) {
    if (!s.enabled()) {
      return;
    }
    Optional<Duration> next = scheduler.nextIn();
    if (next.isEmpty()) {
      throw new Broken(
          "silent: enabled ("
              + s.registration().state()
              + ", "
              + s.authorization().state()
              + ") but no wake-up is scheduled");
    }
    Instant now = s.takenAt();
    Optional<Instant> deadline =
        Stream.of(
                s.authorization().nextCommunicationAttempt(),
                s.authorization().communicationDeadline(),
                s.registration().nextRenewalAttempt(),
                s.registration().registrationExpires(),
                s.evaluation().counting() ? s.evaluation().expiresAt() : Optional.<Instant>empty())
            .flatMap(Optional::stream)
            .filter(now::isBefore)
            .min(Instant::compareTo);
    Duration bound = DAY;
    if (!clockTouched && deadline.isPresent()) {
      Duration until = Duration.between(now, deadline.get());
      bound = until.compareTo(bound) < 0 ? until : bound;
    }
    if (next.get().compareTo(bound.plus(SLACK)) > 0) {
      throw new Broken(
          "silent: the next wake-up is in "
              + next.get()
              + " but something is due in "
              + bound
              + " ("
              + deadline.map(Instant::toString).orElse("the daily clock check")
              + ")");
    }
  }

  /** What the status showed before a power cycle must come back after it. */
  private void survived(AgentStatus before) {
    AgentStatus after = agent.orElseThrow().status();
    RegistrationState was = before.registration().state();
    boolean expired = // time passed while off (or the clock jumped): expiry is legitimate
        was == RegistrationState.REGISTERED
            && after.registration().state() == RegistrationState.REGISTRATION_EXPIRED;
    if (!ATTEMPTS.contains(was) && after.registration().state() != was && !expired) {
      throw new Broken(
          "lost in a power cycle: registration was "
              + was
              + ", came back "
              + after.registration().state());
    }
    if (!ATTEMPTS.contains(was)
        && !expired // an expired registration has no instance any more (seed 30),
        && !before
            .registration()
            .productInstanceId()
            .equals(after.registration().productInstanceId())) {
      throw new Broken("lost in a power cycle: the product instance id changed");
    }
    for (AgentStatus.Entitlement e : before.entitlements()) {
      after
          .entitlement(e.tag())
          .filter(a -> a.count() != e.count())
          .ifPresent(
              a -> {
                throw new Broken(
                    "lost in a power cycle: "
                        + e.tag()
                        + " count was "
                        + e.count()
                        + ", came back "
                        + a.count());
              });
    }
    if (!expired // nor an authorization
        && !before
            .authorization()
            .lastAuthorization()
            .equals(after.authorization().lastAuthorization())) {
      throw new Broken(
          "lost in a power cycle: last authorization was "
              + before.authorization().lastAuthorization()
              + ", came back "
              + after.authorization().lastAuthorization());
    }
  }

  /** Heal everything, wait, and check that device and server agree. */
  private void quietTime() {
    store.heal();
    network.down = false;
    network.slowAnswers = 0;
    world.server.faults().clear();
    time.setClock(world.trueNow());
    if (agent.isEmpty()) {
      boot();
    }
    // an hour at a time, so that a bug is reported where it happens and the time budget holds
    for (Duration waited = Duration.ZERO; waited.compareTo(QUIET) < 0; waited = waited.plus(HOUR)) {
      if (System.nanoTime() - stopAt > 0) {
        return; // out of time: what the life did so far was checked
      }
      time.advance(HOUR);
      checkEvents();
    }
    clockTouched = false;
    check();
    AgentStatus s = agent.orElseThrow().status();
    if (s.registration().state() != RegistrationState.REGISTERED) {
      return;
    }
    AuthorizationState auth = s.authorization().state();
    boolean inUse = s.entitlements().stream().anyMatch(e -> !e.base() && e.count() > 0);
    if (!inUse && auth == AuthorizationState.NONE) {
      return;
    }
    if (auth != AuthorizationState.AUTHORIZED && auth != AuthorizationState.OUT_OF_COMPLIANCE) {
      throw new Broken(
          "after a quiet time: registered, the server answering, yet authorization is "
              + auth
              + " (last failure: "
              + s.authorization().lastFailure().orElse("none")
              + ")");
    }
    String id = s.registration().productInstanceId().orElseThrow();
    InstanceInfo instance =
        world.server.admin().instances().stream()
            .filter(i -> i.id().equals(id))
            .findFirst()
            .orElseThrow(
                () -> new Broken("after a quiet time: the server does not know instance " + id));
    Map<EntitlementTag, Long> server = instance.usage();
    List<String> differences = new ArrayList<>();
    for (AgentStatus.Entitlement e : s.entitlements()) {
      long onServer = server.getOrDefault(e.tag(), 0L);
      if (onServer != e.count()) {
        differences.add(e.tag() + " device " + e.count() + " server " + onServer);
      }
    }
    server.forEach(
        (tag, count) -> {
          if (s.entitlement(tag).isEmpty() && count != 0) {
            differences.add(tag + " (not in the policy any more) server " + count);
          }
        });
    if (!differences.isEmpty()) {
      throw new Broken("after a quiet time: server and device disagree on usage: " + differences);
    }
  }

  private static ProductPolicy policy(List<Integer> features) {
    ProductPolicy.Builder b =
        ProductPolicy.builder()
            .productName("Email Security Appliance")
            .entitlement(EntitlementDefinition.base(MAIL.value(), "Mail Handling"));
    for (int f : features) {
      EntitlementDefinition d =
          EntitlementDefinition.feature(FEATURES.get(f).value(), "Feature " + f);
      b.entitlement(f % 2 == 0 ? d.withUnit(CountUnit.USERS) : d);
    }
    return b.build();
  }
}
