package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.testkit.MockServerDirectory;

/**
 * {@code mock-cssm tokens create --out FILE}: a wrong {@code --out} is refused before the server
 * makes the token, and a token whose file cannot be written afterwards is printed, not lost.
 */
class MockCssmOutTest {
  @TempDir Path tmp;
  private Cli cli;
  private Path files;

  @BeforeEach
  void start() throws Exception {
    cli = new Cli(tmp);
    files = tmp.resolve("cssm");
    MockServerDirectory.write(cli.server, files);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private Cli.Run create(Path out) {
    return Cli.raw(
        "",
        "mock-cssm",
        "tokens",
        "create",
        "mail",
        "--out",
        out.toString(),
        "--mock-cssm",
        files.toString());
  }

  @Test
  void aWrongOutIsRefusedBeforeTheTokenIsMade() {
    int before = cli.server.admin().tokens("mail").size();

    Cli.Run r = create(tmp.resolve("no/such/dir/token.txt"));

    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains("no such directory", "give --out a file in a directory");
    assertThat(r.out()).isEmpty();
    assertThat(cli.server.admin().tokens("mail")).hasSize(before);
  }

  @Test
  void aTokenWhoseFileCannotBeWrittenIsPrintedWithTheError() throws Exception {
    Path full = Path.of("/dev/full"); // every write fails: no space left on device
    assumeTrue(Files.exists(full) && Files.isWritable(full));
    int before = cli.server.admin().tokens("mail").size();

    Cli.Run r = create(Files.createSymbolicLink(tmp.resolve("token.txt"), full));

    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(cli.server.admin().tokens("mail")).hasSize(before + 1);
    String token = r.out().strip();
    assertThat(token).isNotEmpty();
    assertThat(cli.server.admin().tokens("mail")).anyMatch(t -> token.startsWith(t.id()));
    assertThat(r.err())
        .contains("cannot write " + tmp.resolve("token.txt"))
        .contains("the token was made all the same and is printed on standard output instead");
    assertThat(Files.isSymbolicLink(tmp.resolve("token.txt"))).isTrue();
  }
}
