package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code license_smart} launcher script as a person runs it: global options before the command,
 * exit codes of the real JVM, and its choice of the quick-start compiler. The script runs in a copy
 * of the project whose jar is a manifest pointing at this build's classes (so nothing is built) and
 * whose class-data archive exists (so no run records one), with a {@code java} on the PATH that
 * records its arguments and runs the real one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LauncherTest {
  @TempDir Path tmp;
  private Path script;
  private Path javaLog;

  /** What one run of the script printed and returned. */
  record Run(int code, String out, String err, String javaArgs) {}

  @BeforeEach
  void layout() throws IOException {
    script = tmp.resolve("license_smart");
    Files.copy(Path.of("..", "license_smart"), script, StandardCopyOption.COPY_ATTRIBUTES);
    Path target = Files.createDirectories(tmp.resolve("agent-cli/target"));
    writeJar(target.resolve("license_smart.jar"));
    // as if already recorded (the JVM ignores an archive it can't map), so no run records one
    Files.createFile(target.resolve("license_smart.jsa"));
    javaLog = tmp.resolve("java-args.log");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\necho \"$@\" >> '"
            + javaLog
            + "'\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
  }

  private static void writeJar(Path jar) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LicenseSmart.class.getName());
    List<String> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toString());
    }
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, m)) {
      j.flush();
    }
  }

  private Run run(String... args) throws Exception {
    Files.deleteIfExists(javaLog);
    List<String> command = new ArrayList<>(List.of("sh", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.environment().put("PATH", tmp.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
    pb.redirectOutput(tmp.resolve("out.txt").toFile());
    pb.redirectError(tmp.resolve("err.txt").toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    assertThat(p.waitFor(50, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(tmp.resolve("out.txt")),
        Files.readString(tmp.resolve("err.txt")),
        Files.exists(javaLog) ? Files.readString(javaLog, StandardCharsets.UTF_8) : "");
  }

  @Test
  void theStateDirBeforeTheCommandIsTheOneUsed() throws Exception {
    Path dev1 = tmp.resolve("dev1");
    Run r = run("--state-dir", dev1.toString(), "status");
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("not enabled in " + dev1);
    assertThat(r.javaArgs()).contains("-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=");
    assertThat(r.err()).doesNotContain("\u001b[");
  }

  @Test
  void aLongRunningCommandAfterGlobalOptionsKeepsTheFullJit() throws Exception {
    Run r = run("--state-dir", tmp.resolve("dev1").toString(), "--json", "agent", "--for", "0s");
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.javaArgs()).doesNotContain("TieredStopAtLevel");
    assertThat(GlobalOptionsTest.onlyJson(r.out()).get("exitCode").asInt()).isEqualTo(5);
  }

  @Test
  void theValueOfLockWaitIsNotTakenForTheCommand() throws Exception {
    String dir = tmp.resolve("dev1").toString();
    for (List<String> global :
        List.of(
            List.of("--lock-wait", "10", "--state-dir", dir),
            List.of("--lock-wait=10", "--state-dir=" + dir, "--json"))) {
      List<String> args = new ArrayList<>(global);
      args.addAll(List.of("agent", "--for", "0s"));
      Run r = run(args.toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isEqualTo(5);
      assertThat(r.javaArgs()).as(String.join(" ", args)).doesNotContain("TieredStopAtLevel");
    }
  }

  @Test
  void exitCodesReachTheCaller() throws Exception {
    try (Cli cli = new Cli(Files.createDirectories(tmp.resolve("cli")))) {
      cli.enable();
      String dir = cli.stateDir.toString();
      Run udi = run("udi", "--state-dir=" + dir, "--json");
      assertThat(udi.code()).as(udi.err()).isZero();
      assertThat(GlobalOptionsTest.onlyJson(udi.out()).at("/data/udis/0/udi").asText())
          .isEqualTo(Cli.UDI);
      assertThat(run("--state-dir", dir, "status", "--bogus").code()).isEqualTo(2);
      Run deregister = run("--state-dir", dir, "deregister");
      assertThat(deregister.code()).isEqualTo(2); // no terminal: --yes is needed
      assertThat(deregister.err()).contains("--yes");
    }
  }
}
