package org.opensmartagent.cli.command;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent}: runs the agent in the foreground so it renews on schedule, printing every event,
 * until interrupted (Ctrl-C) or, with {@code --for}, until that time has passed. With {@code
 * --json} it prints JSON Lines: one object per event ({@code event}, {@code severity}, {@code
 * message}, {@code time}, {@code details}) and, last, the result on one line.
 */
@Command(
    name = "agent",
    description =
        "Run the agent in the foreground, renewing on schedule and printing events until interrupted.")
public final class AgentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after this long, e.g. 30s, 10m, 2h or PT1H.")
  Optional<Duration> runFor = Optional.empty();

  public CommonOptions common() {
    return CommonOptions.of(spec);
  }

  @Override
  public Integer call() throws InterruptedException {
    Io io = ((LicenseSmart) spec.root().userObject()).io();
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "license-smart-agent-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean json = common().json();
    try (DeviceSession s =
        DeviceSession.open(common().stateDir(), e -> print(io, e, json), common().lockWait())) {
      if (!json) {
        io.out().println(StatusScreen.statusLine(s.agent().status()));
        io.out().println("Agent running; press Ctrl-C to stop.");
        io.out().flush();
      }
      if (runFor.isPresent()) {
        stop.await(runFor.get().toMillis(), TimeUnit.MILLISECONDS);
      } else {
        stop.await();
      }
      Result stopped = Result.ok("agent", "Agent stopped");
      if (json) {
        synchronized (io) {
          io.out().println(Output.line(stopped.toJson()));
          io.out().flush();
        }
        return stopped.exitCode();
      }
      return Output.print(io, stopped, false);
    } finally {
      removeHook(hook);
    }
  }

  private static void print(Io io, AgentEvent e, boolean json) {
    synchronized (io) { // events come from the agent's thread
      io.out().println(json ? Output.line(event(e)) : e.toString());
      io.out().flush();
    }
  }

  /** One event as a JSON object. */
  static ObjectNode event(AgentEvent e) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("event", e.code().name());
    o.put("severity", e.severity().name());
    o.put("message", e.message());
    o.put("time", e.time().toString());
    ObjectNode details = o.putObject("details");
    e.details().forEach(details::put);
    return o;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already stopping: the hook has run
    }
  }
}
