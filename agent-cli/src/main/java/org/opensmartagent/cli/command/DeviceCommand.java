package org.opensmartagent.cli.command;

import java.util.concurrent.Callable;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.LicenseSmart;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.core.AgentListener;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A one-shot command on the device in {@code --state-dir}: load its config and store, build the
 * agent, run, print, close.
 */
public abstract class DeviceCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  /** The shell's streams. */
  protected Io io() {
    return ((LicenseSmart) spec.root().userObject()).io();
  }

  /** The global options ({@code --state-dir}, {@code --json}), wherever they were written. */
  public CommonOptions common() {
    return CommonOptions.of(spec);
  }

  @Override
  public Integer call() {
    try (DeviceSession s = open()) {
      return Output.print(io(), run(s), common().json());
    }
  }

  /**
   * True for commands that only read (the status screens): they read the last committed state
   * without the store lock, so they work while {@code license_smart agent} or the shell runs.
   * Others wait up to {@code --lock-wait} for the lock.
   */
  protected boolean readOnly() {
    return false;
  }

  private DeviceSession open() {
    return readOnly()
        ? DeviceSession.openReadOnly(common().stateDir())
        : DeviceSession.open(common().stateDir(), AgentListener.NONE, common().lockWait());
  }

  /** Runs on the opened device; misuse throws and is mapped to an exit code by the root. */
  protected abstract Result run(DeviceSession session);
}
