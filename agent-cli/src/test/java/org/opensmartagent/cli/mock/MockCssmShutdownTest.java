package org.opensmartagent.cli.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.cli.LicenseSmart;

/**
 * {@code mock-cssm} stopped by a signal (Ctrl-C, SIGTERM) still prints its documented "stopped"
 * line: the JVM runs its shutdown hooks and exits when they return, so the hook waits for it. A
 * child JVM is sent SIGTERM ({@link ProcessHandle#destroy}) once it has said it listens.
 */
@Timeout(180)
class MockCssmShutdownTest {
  @TempDir Path tmp;

  @Test
  void aSignalStopsTheServerAndTheStoppedLineIsStillPrinted() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java, "-cp", System.getProperty("java.class.path"), LicenseSmart.class.getName()));
    command.addAll(
        List.of("mock-cssm", "--http", "--json", "--in-memory", "--out-dir", tmp.toString()));
    Process child =
        new ProcessBuilder(command)
            .redirectError(tmp.resolve("stderr.txt").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String listening = out.readLine();
      assertThat(listening).as("the first JSON line").contains("\"baseUrl\"");

      child.toHandle().destroy(); // SIGTERM, as Ctrl-C's SIGINT; Process.destroy would close out

      List<String> rest = new ArrayList<>();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        rest.add(line);
      }
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(rest)
          .as("what mock-cssm printed after the signal")
          .singleElement()
          .asString()
          .contains("\"command\":\"mock-cssm\"", "\"ok\":true", "Mock license server stopped.");
    } finally {
      child.destroyForcibly();
    }
  }
}
