package org.opensmartagent.cli.command;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.LicenseSmart;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.cli.render.StatusScreen;
import org.opensmartagent.core.AgentEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent}: runs the agent in the foreground so it renews on schedule, printing every event,
 * until interrupted (Ctrl-C) or, with {@code --for}, until that time has passed.
 */
@Command(
    name = "agent",
    description =
        "Run the agent in the foreground, renewing on schedule and printing events until interrupted.")
public final class AgentCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after this long, e.g. 30s, 10m, 2h or PT1H.")
  Optional<Duration> runFor = Optional.empty();

  public CommonOptions common() {
    return common;
  }

  @Override
  public Integer call() throws InterruptedException {
    Io io = ((LicenseSmart) spec.root().userObject()).io();
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "license-smart-agent-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (DeviceSession s = DeviceSession.open(common.stateDir(), e -> print(io, e))) {
      io.out().println(StatusScreen.statusLine(s.agent().status()));
      io.out().println("Agent running; press Ctrl-C to stop.");
      io.out().flush();
      if (runFor.isPresent()) {
        stop.await(runFor.get().toMillis(), TimeUnit.MILLISECONDS);
      } else {
        stop.await();
      }
      return Output.print(io, Result.ok("agent", "Agent stopped"), common.json());
    } finally {
      removeHook(hook);
    }
  }

  private void print(Io io, AgentEvent e) {
    if (!common.json()) {
      io.out().println(e);
      io.out().flush();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already stopping: the hook has run
    }
  }
}
