package org.opensmartagent.cli.command;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.opensmartagent.testkit.fleet.FleetSimulator;
import org.opensmartagent.transport.TransportKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code license_smart fleet}: N simulated devices live through a licensing year against an
 * embedded mock license server over loopback HTTP, on virtual time; prints the report.
 */
@Command(
    name = "fleet",
    description =
        "Simulate a fleet of devices for a licensing year against an embedded mock license"
            + " server and report throughput, latency, heap and threads.")
public final class FleetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--agents", description = "how many devices (default ${DEFAULT-VALUE})")
  int agents = 100;

  @Option(names = "--days", description = "simulated days (default ${DEFAULT-VALUE})")
  long days = 365;

  @Option(names = "--disk", description = "give each device a file store (default: in memory)")
  boolean disk;

  @Option(names = "--kind", description = "DIRECT, TRANSPORT_GATEWAY or SMART_TRANSPORT")
  TransportKind kind = TransportKind.DIRECT;

  @Option(names = "--https", description = "serve the mock license server over https")
  boolean https;

  @Option(names = "--seed", description = "random seed, for repeatable runs")
  long seed = 1;

  @Option(names = "--progress", description = "draw a progress bar on standard error")
  boolean progress;

  @Override
  public Integer call() throws Exception {
    CommonOptions.of(spec).refuseJson("fleet");
    if (agents < 1 || days < 1) {
      throw new IllegalArgumentException("--agents and --days must be at least 1");
    }
    FleetSimulator.Builder b =
        FleetSimulator.builder()
            .agents(agents)
            .duration(Duration.ofDays(days))
            .onDisk(disk)
            .transport(kind)
            .https(https)
            .seed(seed)
            .progress(progress);
    spec.commandLine().getOut().println(b.build().run());
    return 0;
  }
}
