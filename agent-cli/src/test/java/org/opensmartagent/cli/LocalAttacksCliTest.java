package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.core.AgentListener;

/** Local attacks on the CLI: file permissions, the store lock, a token on the command line. */
@Timeout(120)
class LocalAttacksCliTest {
  @TempDir Path tmp;
  private Cli cli;

  @BeforeEach
  void start() throws Exception {
    cli = new Cli(tmp);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void everythingTheCliCreatesIsOwnerOnlyEvenWithAnOpenUmask() throws Exception {
    List<String> enable = new ArrayList<>(List.of(cli.enableArgs(cli.stateDir, Cli.UDI)));
    assertThat(child("000", LicenseSmartMain.class, enable)).contains("exit 0");
    List<String> proxy =
        List.of(
            "url",
            "--state-dir",
            cli.stateDir.toString(),
            "--proxy",
            "proxy.example.com:3128",
            "--proxy-user",
            "svc",
            "--proxy-password",
            "pw");
    assertThat(child("000", LicenseSmartMain.class, proxy)).contains("exit 0");
    assertThat(Files.readString(cli.stateDir.resolve("license_smart.properties"))).contains("pw");
    List<Path> all;
    try (Stream<Path> walk = Files.walk(cli.stateDir)) {
      all = walk.toList();
    }
    assertThat(all).hasSizeGreaterThan(5);
    for (Path p : all) {
      assertThat(mode(p))
          .as(p.toString())
          .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
    }
    assertThat(mode(cli.stateDir.resolve("store.rollback"))).isEqualTo("rw-------");
  }

  @Test
  void theShellHistoryIsCreatedOwnerOnlyAndAnOldReadableOneIsTightened() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("shell"));
    assertThat(mode(org.opensmartagent.cli.shell.InteractiveShell.historyFile(dir)))
        .isEqualTo("rw-------");
    Files.setPosixFilePermissions(
        dir.resolve("history"), PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(mode(org.opensmartagent.cli.shell.InteractiveShell.historyFile(dir)))
        .isEqualTo("rw-------");
  }

  @Test
  void statusSummaryAndUdiWorkWhileTheAgentHoldsTheStore() throws Exception {
    assertThat(cli.enable().code()).isZero();
    try (DeviceSession agent = DeviceSession.open(cli.stateDir, AgentListener.NONE)) {
      agent.agent().enableReservation(); // committed by the holder, seen by the readers
      for (String[] command :
          new String[][] {
            {"status"},
            {"status", "--json"},
            {"summary"},
            {"summary", "--json"},
            {"udi"},
            {"udi", "--json"}
          }) {
        Cli.Run run = cli.run(command);
        assertThat(run.code()).as(String.join(" ", command) + ": " + run.err()).isZero();
      }
      assertThat(cli.run("status", "--json").out())
          .containsPattern("\"reservation\"\\s*:\\s*\\{\\s*\"enabled\"\\s*:\\s*true");
    }
  }

  @Test
  void aStateChangingCommandWaitsABoundedTimeForTheAgentAndSaysWhatFor() throws Exception {
    assertThat(cli.enable().code()).isZero();
    try (Child holder = Child.start("", HoldDevice.class, List.of(cli.stateDir.toString()))) {
      assertThat(holder.firstLine()).isEqualTo("holding");
      Cli.Run refused = cli.run("enable_reservation", "--lock-wait", "1");
      assertThat(refused.code()).isNotZero();
      assertThat(refused.err())
          .contains("Another process holds the store lock")
          .contains("waited 1 s")
          .contains("stop the other agent");
      CompletableFuture<Cli.Run> waiting =
          CompletableFuture.supplyAsync(() -> cli.run("enable_reservation", "--lock-wait", "60"));
      holder.close(); // the agent stops; the waiting command gets the store
      Cli.Run done = waiting.get(90, TimeUnit.SECONDS);
      assertThat(done.code()).as(done.err()).isZero();
    }
  }

  @Test
  void enableClusterRunsTheAgentAndTheShellWaitOnlyAsLongAsLockWaitSays() throws Exception {
    assertThat(cli.enable().code()).isZero();
    Path member = tmp.resolve("member");
    assertThat(Cli.raw("", cli.enableArgs(member, "PID:ESA-C170,SN:FCH9999ZZZZ")).code()).isZero();
    try (Child holder = Child.start("", HoldDevice.class, List.of(cli.stateDir.toString()))) {
      assertThat(holder.firstLine()).isEqualTo("holding");
      for (String[] command :
          new String[][] {
            {"enable", "--lock-wait", "1"},
            {"enable_reservation", "--cluster-member-dir", member.toString(), "--lock-wait", "1"},
            {"enable", "--cluster-member-dir", member.toString(), "--lock-wait=1"},
            {"agent", "--for", "0s", "--lock-wait", "1"},
            {"--lock-wait", "1", "--state-dir", cli.stateDir.toString()} // the interactive shell
          }) {
        Cli.Run refused = cli.run(command);
        assertThat(refused.code()).as(String.join(" ", command)).isNotZero();
        assertThat(refused.all())
            .as(String.join(" ", command))
            .contains("Another process holds the store lock")
            .contains("waited 1 s");
      }
    }
  }

  @Test
  void aRegisteredStoreCopiedToAnotherDeviceIsRefused() throws Exception {
    assertThat(cli.enable().code()).isZero();
    Cli.Run registered = cli.runWithInput(cli.token() + "\n", "register", "--token-stdin");
    assertThat(registered.code()).as(registered.err()).isZero();
    Path other = tmp.resolve("other-device");
    assertThat(Cli.raw("", cli.enableArgs(other, "PID:ESA-C170,SN:FCH9999ZZZZ")).code()).isZero();
    try (Stream<Path> files = Files.list(cli.stateDir.resolve("store"))) {
      for (Path f : files.toList()) {
        Files.copy(
            f,
            other.resolve("store").resolve(f.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    for (String command : new String[] {"status", "renew_auth"}) {
      Cli.Run refused = cli.run(command, "--state-dir", other.toString());
      assertThat(refused.code()).isNotZero();
      assertThat(refused.err())
          .contains("belongs to another device")
          .contains("ID certificate is for PID:ESA-C170,SN:FCH2145V0AB")
          .contains("this device is PID:ESA-C170,SN:FCH9999ZZZZ");
    }
  }

  @Test
  void registerHelpWarnsThatATokenArgumentIsVisibleInTheProcessList() {
    String help =
        new picocli.CommandLine(org.opensmartagent.cli.command.RegistrationCommands.Register.class)
            .getUsageMessage(picocli.CommandLine.Help.Ansi.OFF)
            .replaceAll("\\s+", " ");
    assertThat(help)
        .contains("visible to every user")
        .contains("process list")
        .contains("--token-stdin")
        .contains("prompt");
  }

  // ---- helpers --------------------------------------------------------------------------

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** Runs {@code main} in a child JVM under {@code umask} and returns all it printed. */
  private static String child(String umask, Class<?> main, List<String> args) throws Exception {
    try (Child c = Child.start(umask, main, args)) {
      return c.rest();
    }
  }

  /** {@link LicenseSmart#main} without the exit, so output is flushed and the JVM ends. */
  public static final class LicenseSmartMain {
    public static void main(String[] args) {
      java.io.PrintWriter out = new java.io.PrintWriter(System.out, true);
      java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
      int code = LicenseSmart.run(args, out, err);
      out.println("exit " + code);
    }
  }

  static final class Child implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;

    private Child(Process process) {
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Child start(String umask, Class<?> main, List<String> args) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = new ArrayList<>();
      if (!umask.isEmpty()) {
        command.addAll(List.of("sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\""));
      }
      command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName()));
      command.addAll(args);
      return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    String firstLine() throws IOException {
      return String.valueOf(out.readLine());
    }

    String rest() throws Exception {
      process.getOutputStream().close();
      StringBuilder all = new StringBuilder();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        all.append(line).append('\n');
      }
      return all.toString();
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
