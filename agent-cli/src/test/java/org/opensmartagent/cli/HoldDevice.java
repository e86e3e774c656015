package org.opensmartagent.cli;

import java.nio.file.Path;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.core.AgentListener;

/**
 * Run in a child JVM as a stand-in for {@code license_smart agent}: opens the device in {@code
 * args[0]}, prints "holding" and keeps its store locked until standard input closes.
 */
public final class HoldDevice {
  private HoldDevice() {}

  public static void main(String[] args) throws Exception {
    try (DeviceSession s = DeviceSession.open(Path.of(args[0]), AgentListener.NONE)) {
      System.out.println("holding");
      System.out.flush();
      System.in.readAllBytes();
    }
  }
}
