package org.opensmartagent.testkit.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs lives {@code firstSeed, firstSeed + 1, ...} on {@code workers} threads, each with its own
 * {@link World} (server and channels), until {@code lives} have run or the budget is spent; a life
 * still running when the budget ends stops there. Prints progress, shrinks the first few failures
 * of each kind, and reports what it ran and what broke. Lives are independent: a seed gives the
 * same life on any worker.
 */
final class Campaign {
  private static final Pattern ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z");
  private static final Pattern DURATION = Pattern.compile("\\bPT?-?[0-9][0-9DHMS.-]*");
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final int SEEDS_LISTED = 20;

  /** What to run. */
  record Settings(
      long firstSeed,
      int lives,
      int workers,
      Duration budget,
      Set<Step.Kind> excluded,
      int shrinkRuns,
      int reportAtMost,
      boolean shrinkKnown,
      Duration progressEvery,
      Optional<Path> log) {

    /** From {@code -Dsim.*} (see {@link FieldSimulationTest}), with the build's defaults. */
    static Settings fromSystemProperties() {
      return new Settings(
          Long.getLong("sim.seed", 20_261_202L),
          Integer.getInteger("sim.lives", 200),
          Integer.getInteger("sim.workers", 1),
          Duration.ofSeconds(Long.getLong("sim.seconds", 25)),
          Arrays.stream(System.getProperty("sim.exclude", "").split(","))
              .filter(k -> !k.isBlank())
              .map(k -> Step.Kind.valueOf(k.trim()))
              .collect(Collectors.toSet()),
          Integer.getInteger("sim.shrinkRuns", 60),
          Integer.getInteger("sim.report", 3),
          Boolean.getBoolean("sim.shrinkKnown"),
          Duration.ofSeconds(Long.getLong("sim.progressSeconds", 60)),
          Optional.ofNullable(System.getProperty("sim.log")).map(Path::of));
    }
  }

  /**
   * What ran and what broke: failures outside the known defects by kind (the message with ids,
   * times and numbers blanked) with their seeds, and the known defects' seeds.
   */
  record Report(
      int lives,
      long steps,
      long exchanges,
      Duration wall,
      long medianLifeMillis,
      long slowestLifeMillis,
      Map<String, List<Long>> newFailures,
      List<String> reproductions,
      Map<String, List<Long>> known) {

    int failed() {
      return newFailures.values().stream().mapToInt(List::size).sum()
          + known.values().stream().mapToInt(List::size).sum();
    }
  }

  private final Settings settings;
  private final long started = System.nanoTime();
  private final long deadline;
  private final AtomicInteger next = new AtomicInteger();
  private final Map<String, List<Long>> newFailures = new TreeMap<>();
  private final List<String> reproductions = new ArrayList<>();
  private final Map<String, List<Long>> known = new TreeMap<>();
  private final List<Long> lifeMillis = new ArrayList<>();
  private int ran;
  private long steps;
  private long exchanges;
  private long lastProgress = started;

  private Campaign(Settings settings) {
    this.settings = settings;
    this.deadline = started + saturatedNanos(settings.budget());
  }

  static Report run(Settings settings) {
    return new Campaign(settings).run();
  }

  private Report run() {
    say(
        String.format(
            "[sim] %d lives from seed %d on %d worker(s), budget %d s",
            settings.lives(),
            settings.firstSeed(),
            settings.workers(),
            settings.budget().toSeconds()));
    ExecutorService pool = Executors.newFixedThreadPool(settings.workers());
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < settings.workers(); w++) {
        workers.add(pool.submit(this::work));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while lives were running", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a simulation worker failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Report r = report();
    summarize(r);
    return r;
  }

  /**
   * How many lives a worker runs against one {@link World} before it starts a new one: the mock
   * server keeps every life's account, token and instance, so one world for a whole long run grew
   * by about 140 KB a life (4.3 GB after 30,000 lives) until the heap ran out. Lives do not depend
   * on the world's history (each has its own account and virtual time), so this changes no life.
   */
  static final int LIVES_PER_WORLD = 1_000;

  private Void work() throws IOException {
    boolean more = true;
    while (more) {
      more = workInOneWorld();
    }
    return null;
  }

  /** Runs up to {@link #LIVES_PER_WORLD} lives in a new world; false once nothing is left. */
  private boolean workInOneWorld() throws IOException {
    try (World world = new World()) {
      for (int n = 0; n < LIVES_PER_WORLD; n++) {
        int i = next.getAndIncrement();
        if (i >= settings.lives() || System.nanoTime() - deadline >= 0) {
          return false;
        }
        long seed = settings.firstSeed() + i;
        List<Step> life = Generator.life(seed, settings.excluded());
        long t0 = System.nanoTime();
        Life.Outcome o = Life.run(world, seed, life, deadline);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        Optional<String> text = o.failure().map(f -> failed(world, seed, life, f));
        synchronized (this) {
          ran++;
          steps += o.steps();
          exchanges += o.exchanges();
          lifeMillis.add(millis);
          text.ifPresent(this::say);
          progress();
        }
      }
    }
    return true;
  }

  /** Records a failure; what to print about it (a shrunk reproduction for the first few). */
  private String failed(World world, long seed, List<Step> life, Life.Failure f) {
    Optional<KnownDefects.Known> k = KnownDefects.match(f);
    boolean shrink;
    synchronized (this) {
      List<Long> seeds =
          k.isPresent()
              ? known.computeIfAbsent(k.get().defect(), x -> new ArrayList<>())
              : newFailures.computeIfAbsent(kind(f.message()), x -> new ArrayList<>());
      shrink =
          k.isEmpty()
              ? seeds.isEmpty() && reproductions.size() < settings.reportAtMost()
              : seeds.isEmpty() && settings.shrinkKnown();
      seeds.add(seed);
    }
    String text =
        shrink
            ? Shrinker.describe(
                seed,
                life.size(),
                Shrinker.shrink(
                    world,
                    seed,
                    life,
                    f,
                    settings.shrinkRuns(),
                    deadline + saturatedNanos(settings.budget().dividedBy(3))))
            : "seed " + seed + ": " + f.message();
    if (shrink && k.isEmpty()) {
      synchronized (this) {
        reproductions.add(text);
      }
    }
    return k.isPresent()
        ? "[sim] known defect (" + k.get().defect() + "): " + text
        : "[sim] FAILED " + text;
  }

  /** A failure's message with ids, times, durations and numbers blanked: its kind. */
  static String kind(String message) {
    String k = ID.matcher(message).replaceAll("<id>");
    k = INSTANT.matcher(k).replaceAll("<time>");
    k = DURATION.matcher(k).replaceAll("<duration>");
    k = NUMBER.matcher(k).replaceAll("<n>");
    return k.length() <= 200 ? k : k.substring(0, 200) + "...";
  }

  private void progress() {
    long now = System.nanoTime();
    if (now - lastProgress < settings.progressEvery().toNanos()) {
      return;
    }
    lastProgress = now;
    double seconds = (now - started) / 1e9;
    say(
        String.format(
            "[sim] progress: %d lives (%.1f/s), %d steps, %d exchanges, %d broke an invariant"
                + " (%d new), %.0f s",
            ran,
            ran / seconds,
            steps,
            exchanges,
            newFailures.values().stream().mapToInt(List::size).sum()
                + known.values().stream().mapToInt(List::size).sum(),
            newFailures.values().stream().mapToInt(List::size).sum(),
            seconds));
  }

  private synchronized Report report() {
    long[] sorted = lifeMillis.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Report(
        ran,
        steps,
        exchanges,
        Duration.ofNanos(System.nanoTime() - started),
        sorted.length == 0 ? 0 : sorted[sorted.length / 2],
        sorted.length == 0 ? 0 : sorted[sorted.length - 1],
        copy(newFailures),
        List.copyOf(reproductions),
        copy(known));
  }

  private void summarize(Report r) {
    double seconds = r.wall().toMillis() / 1000.0;
    say(
        String.format(
            "[sim] done: %d lives from seed %d on %d worker(s) in %.0f s (%.2f lives/s; a life:"
                + " median %d ms, slowest %d ms): %d steps, %d exchanges; %d broke an invariant"
                + " (%d outside the known defects)",
            r.lives(),
            settings.firstSeed(),
            settings.workers(),
            seconds,
            r.lives() / Math.max(seconds, 0.001),
            r.medianLifeMillis(),
            r.slowestLifeMillis(),
            r.steps(),
            r.exchanges(),
            r.failed(),
            r.newFailures().values().stream().mapToInt(List::size).sum()));
    r.newFailures()
        .forEach((kind, seeds) -> say("[sim] new failure \"" + kind + "\": " + listed(seeds)));
    r.known()
        .forEach((defect, seeds) -> say("[sim] known defect " + defect + ": " + listed(seeds)));
  }

  private static String listed(List<Long> seeds) {
    List<Long> sorted = seeds.stream().sorted().toList();
    String shown =
        sorted.subList(0, Math.min(SEEDS_LISTED, sorted.size())).stream()
            .map(String::valueOf)
            .collect(Collectors.joining(", "));
    return sorted.size()
        + (sorted.size() == 1 ? " life, seed " : " lives, seeds ")
        + shown
        + (sorted.size() > SEEDS_LISTED ? ", ..." : "");
  }

  private static Map<String, List<Long>> copy(Map<String, List<Long>> m) {
    Map<String, List<Long>> c = new TreeMap<>();
    m.forEach((k, v) -> c.put(k, List.copyOf(v)));
    return c;
  }

  private synchronized void say(String line) {
    System.out.println(line);
    settings
        .log()
        .ifPresent(
            p -> {
              try {
                Files.writeString(
                    p,
                    line + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
              } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the simulation log " + p, e);
              }
            });
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }
}
