package org.opensmartagent.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.transport.TransportKind;

/**
 * STATUS (both layouts) and SUMMARY for six states, compared line by line with golden files in
 * {@code src/test/resources/golden} that were written from the device captures in screens.md
 * (section 0 for the current layout and SUMMARY, section 1 and 1.1 for the classic one). Run with
 * {@code -Dgolden.update=true} to rewrite the files after an intended change, then review the diff.
 */
@Timeout(10)
class GoldenScreensTest {
  static Stream<Arguments> states() {
    return Stream.of(
        state(
            "unregistered-evaluation", ScreenStates::unregisteredEvaluation, TransportKind.DIRECT),
        state("registered-authorized", ScreenStates::registeredAuthorized),
        state("out-of-compliance", ScreenStates::outOfCompliance),
        state("evaluation-expired", ScreenStates::evaluationExpired),
        state("slr-reserved", ScreenStates::slrReserved),
        state("plr-reserved", ScreenStates::plrReserved));
  }

  private static Arguments state(String name, Supplier<AgentStatus> s) {
    return state(name, s, TransportKind.SMART_TRANSPORT);
  }

  private static Arguments state(String name, Supplier<AgentStatus> s, TransportKind kind) {
    return Arguments.of(name, s.get(), ScreenStates.transport(kind));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void statusInTheCurrentLayout(String name, AgentStatus s, TransportView t) throws IOException {
    List<String> lines = StatusScreen.render(s, t, ScreenStates.HOST);
    assertGolden(name + ".status.txt", lines);
    for (String line : lines) {
      if (line.contains(": ")) {
        assertThat(line.substring(line.indexOf(": ") + 2))
            .as("a value never holds a second \": \"")
            .doesNotContain(": ");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void statusInTheClassicLayout(String name, AgentStatus s, TransportView t) throws IOException {
    assertGolden(name + ".classic.txt", ClassicStatusScreen.render(s, t));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void summary(String name, AgentStatus s, TransportView t) throws IOException {
    assertGolden(name + ".summary.txt", SummaryScreen.render(s));
  }

  private static void assertGolden(String file, List<String> lines) throws IOException {
    String actual = String.join("\n", lines) + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Path dir = Path.of("src/test/resources/golden");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(file), actual, StandardCharsets.UTF_8);
    }
    try (InputStream in = GoldenScreensTest.class.getResourceAsStream("/golden/" + file)) {
      assertThat(in).as("golden file %s", file).isNotNull();
      String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(actual).as(file).isEqualTo(expected);
    }
  }
}
