package org.opensmartagent.testkit.fleet;

import java.time.Duration;
import java.util.Optional;
import org.opensmartagent.transport.TransportKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@link FleetSimulator#main}, parsed by picocli. {@link #parse} turns it into
 * a configured builder or an {@link IllegalArgumentException} naming the bad argument.
 */
@Command(
    name = "fleet-simulator",
    description = "Simulate a fleet of agents against an embedded mock license server.")
final class FleetArguments {
  @Option(names = "--agents", paramLabel = "N", description = "Agents (default 100).")
  int agents = 100;

  @Option(names = "--days", paramLabel = "D", description = "Simulated days (default 365).")
  long days = 365;

  @Option(names = "--disk", description = "Keep each agent's store on disk.")
  boolean disk;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "DIRECT, TRANSPORT_GATEWAY or SMART_TRANSPORT (default DIRECT).")
  TransportKind kind = TransportKind.DIRECT;

  @Option(names = "--https", description = "Serve https.")
  boolean https;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 1).")
  long seed = 1;

  @Option(names = "--workers", paramLabel = "W", description = "Worker threads.")
  Optional<Integer> workers = Optional.empty();

  @Option(
      names = "--window-days",
      paramLabel = "D",
      description = "Days over which agents register (default 3).")
  Optional<Long> windowDays = Optional.empty();

  @Option(names = "--progress", description = "Draw a progress bar on stderr.")
  boolean progress;

  static String usage() {
    return new CommandLine(new FleetArguments()).getUsageMessage();
  }

  /**
   * Parses {@code args} into a builder.
   *
   * @throws IllegalArgumentException naming the bad argument
   */
  static FleetSimulator.Builder parse(String[] args, boolean console) {
    FleetArguments a = new FleetArguments();
    try {
      new CommandLine(a).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    FleetSimulator.Builder b =
        FleetSimulator.builder()
            .progress(console || a.progress)
            .agents(a.agents)
            .duration(Duration.ofDays(a.days))
            .onDisk(a.disk)
            .transport(a.kind)
            .https(a.https)
            .seed(a.seed);
    a.workers.ifPresent(b::workers);
    a.windowDays.ifPresent(d -> b.registrationWindow(Duration.ofDays(d)));
    return b;
  }
}
