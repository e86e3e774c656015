package org.opensmartagent.samples.emailgateway;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.opensmartagent.core.FeatureGate;
import org.opensmartagent.core.SmartAgent;

/**
 * The gateway's mail pipeline: accept, bounce verification, anti-spam, anti-malware, outbreak
 * filters, DLP, deliver. <b>Copy the gating pattern:</b> look up each stage's {@link FeatureGate}
 * once, ask {@link FeatureGate#isAllowed()} for every message (one volatile read, no lock), and
 * when a stage is denied skip it, count it, and log it once, until it is allowed again.
 *
 * <p>The stages themselves are toys: bounce verification drops a bounce ({@code from} empty)
 * without a {@code bv-tag}, anti-spam quarantines a subject with "WINNER", anti-malware an EICAR
 * body, DLP holds a card number. A skipped stage lets such a message through: that is what an
 * unlicensed stage costs.
 *
 * <p>Thread-safe: {@link #process} may be called from any number of worker threads.
 */
public final class MailPipeline {
  /** Where a message ended. */
  public enum Disposition {
    DELIVERED,
    DROPPED_INVALID_BOUNCE,
    QUARANTINED_SPAM,
    QUARANTINED_MALWARE,
    HELD_BY_DLP
  }

  /** How one message went: the stages that ran, the stages skipped for licensing, the end. */
  public record Result(
      Message message, List<Stage> ran, List<Stage> skipped, Disposition disposition) {
    public Result {
      ran = List.copyOf(ran);
      skipped = List.copyOf(skipped);
    }
  }

  private static final Pattern CARD = Pattern.compile("\\b\\d{4}[ -]\\d{4}[ -]\\d{4}[ -]\\d{4}\\b");

  private final Map<Stage, FeatureGate> gates = new EnumMap<>(Stage.class);
  private final Map<Stage, LongAdder> skips = new EnumMap<>(Stage.class);
  private final Set<Stage> denied = ConcurrentHashMap.newKeySet();
  private final PrintStream log;

  /**
   * Looks up every stage's gate on {@code agent}.
   *
   * @throws IllegalArgumentException if the agent's policy does not declare a stage's license
   */
  public MailPipeline(SmartAgent agent, PrintStream log) {
    Objects.requireNonNull(agent, "agent == null");
    this.log = Objects.requireNonNull(log, "log == null");
    for (Stage stage : Stage.values()) {
      gates.put(stage, agent.feature(stage.license()));
      skips.put(stage, new LongAdder());
    }
  }

  /** Runs {@code message} through every licensed stage; a denied stage is skipped. */
  public Result process(Message message) {
    Objects.requireNonNull(message, "message == null");
    List<Stage> ran = new ArrayList<>();
    List<Stage> skipped = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      if (!allowed(stage)) {
        skipped.add(stage);
        continue;
      }
      ran.add(stage);
      Optional<Disposition> end = inspect(stage, message);
      if (end.isPresent()) {
        return new Result(message, ran, skipped, end.get());
      }
    }
    return new Result(message, ran, skipped, Disposition.DELIVERED);
  }

  /** How many messages skipped {@code stage} since the gateway started. */
  public long skipped(Stage stage) {
    return skips.get(Objects.requireNonNull(stage, "stage == null")).sum();
  }

  private boolean allowed(Stage stage) {
    if (gates.get(stage).isAllowed()) {
      if (!denied.isEmpty() && denied.remove(stage)) {
        log.println("  [gateway] " + stage.label() + " is licensed again; stage resumed");
      }
      return true;
    }
    skips.get(stage).increment();
    if (denied.add(stage)) {
      log.println(
          "  [gateway] "
              + stage.label()
              + " skipped: "
              + stage.license().name()
              + " is not licensed now; further skips are counted, not logged");
    }
    return false;
  }

  private static Optional<Disposition> inspect(Stage stage, Message m) {
    boolean hit =
        switch (stage) {
          case BOUNCE_VERIFICATION -> m.from().isEmpty() && !m.body().contains("bv-tag");
          case ANTI_SPAM -> m.subject().contains("WINNER");
          case ANTI_MALWARE -> m.body().contains("EICAR");
          case DLP -> CARD.matcher(m.body()).find();
          case ACCEPT, OUTBREAK_FILTERS, DELIVER -> false;
        };
    if (!hit) {
      return Optional.empty();
    }
    return Optional.of(
        switch (stage) {
          case BOUNCE_VERIFICATION -> Disposition.DROPPED_INVALID_BOUNCE;
          case ANTI_SPAM -> Disposition.QUARANTINED_SPAM;
          case ANTI_MALWARE -> Disposition.QUARANTINED_MALWARE;
          default -> Disposition.HELD_BY_DLP;
        });
  }
}
