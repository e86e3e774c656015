package org.opensmartagent.cli.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.cli.Cli;
import org.opensmartagent.cli.ExitCodes;
import org.opensmartagent.testkit.Database;
import picocli.CommandLine;

/**
 * {@code mock-cssm --jdbc-url}: the options map to a PostgreSQL {@link Database} with the password
 * from the environment or a file (never from the command line, never printed), and every mistake
 * (another scheme, two places for the state, an unreachable database) is one clear line. Needs no
 * PostgreSQL: the unreachable database is a closed loopback port.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MockCssmJdbcTest {
  private static final String URL = "jdbc:postgresql://db.lab.example:5433/cssm";
  private static final String SECRET = "pw-9f3c1e-never-printed";

  @TempDir Path tmp;

  private static JdbcOptions parse(String... args) {
    return CommandLine.populateCommand(new MockCssmCommand(), args).jdbc;
  }

  @Test
  void theOptionsMapToAPostgresDatabaseWithThePasswordFromTheEnvironment() {
    JdbcOptions.Settings s =
        parse("--jdbc-url", URL, "--jdbc-user", "lab")
            .settings(tmp, Map.of(JdbcOptions.PASSWORD_ENV, SECRET)::get);

    assertThat(s.url()).isEqualTo(URL);
    assertThat(s.user()).isEqualTo("lab");
    assertThat(s.password()).isEqualTo(SECRET);
    assertThat(s.keysFile()).isEqualTo(tmp.resolve("mock-cssm.keys.json").toAbsolutePath());
    Database db = s.database();
    assertThat(db.keysFile()).isEqualTo(s.keysFile());
    assertThat(db.toString()).isEqualTo(URL);
    assertThat(s.toString()).contains(URL, "lab").doesNotContain(SECRET);
  }

  @Test
  void thePasswordFileWinsOverTheEnvironmentAndOnlyItsFirstLineCounts() throws Exception {
    Path file = Files.writeString(tmp.resolve("pw"), SECRET + "\nsecond line\n");
    Path keys = tmp.resolve("shared/keys.json");

    JdbcOptions.Settings s =
        parse(
                "--jdbc-url",
                URL,
                "--jdbc-user",
                "lab",
                "--jdbc-password-file",
                file.toString(),
                "--keys-file",
                keys.toString())
            .settings(tmp, Map.of(JdbcOptions.PASSWORD_ENV, "from-the-environment")::get);

    assertThat(s.password()).isEqualTo(SECRET);
    assertThat(s.keysFile()).isEqualTo(keys.toAbsolutePath());
  }

  @Test
  void withoutEnvironmentOrFileThePasswordIsEmpty() {
    JdbcOptions.Settings s =
        parse("--jdbc-url", URL, "--jdbc-user", "lab").settings(tmp, name -> null);

    assertThat(s.password()).isEmpty();
  }

  @Test
  void anUnreadablePasswordFileSaysWhichFile() {
    JdbcOptions o =
        parse(
            "--jdbc-url",
            URL,
            "--jdbc-user",
            "lab",
            "--jdbc-password-file",
            tmp.resolve("missing").toString());

    assertThatThrownBy(() -> o.settings(tmp, name -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read the password file " + tmp.resolve("missing"));
  }

  @Test
  void anotherSchemeIsRefusedWithTheRightForm() {
    Cli.Run r = mockCssm("--jdbc-url", "jdbc:mysql://127.0.0.1/cssm", "--jdbc-user", "lab");

    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("not a PostgreSQL URL", "jdbc:postgresql://HOST[:PORT]/DB");
    assertThat(r.out()).doesNotContain("listening");
  }

  @Test
  void aPasswordInTheUrlIsRefused() {
    Cli.Run r =
        mockCssm(
            "--jdbc-url", "jdbc:postgresql://127.0.0.1/x?password=" + SECRET, "--jdbc-user", "u");

    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("must not hold the password", JdbcOptions.PASSWORD_ENV);
    assertThat(r.all()).doesNotContain(SECRET);
  }

  @Test
  void aUrlWithoutAUserIsRefused() {
    Cli.Run r = mockCssm("--jdbc-url", URL);

    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--jdbc-user USER");
  }

  @Test
  void aUrlAndAnotherPlaceForTheStateAreRefused() {
    for (String[] other :
        new String[][] {
          {"--database", tmp.resolve("x.db").toString()},
          {"--state-file", tmp.resolve("x.json").toString()},
          {"--in-memory"}
        }) {
      String[] args = new String[4 + other.length];
      System.arraycopy(new String[] {"--jdbc-url", URL, "--jdbc-user", "lab"}, 0, args, 0, 4);
      System.arraycopy(other, 0, args, 4, other.length);

      Cli.Run r = mockCssm(args);

      assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(other[0]).contains("give only one of", "--jdbc-url", other[0]);
    }
  }

  @Test
  void keysFileWithoutAUrlIsRefused() {
    Cli.Run r = mockCssm("--keys-file", tmp.resolve("k.json").toString(), "--in-memory");

    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("go with --jdbc-url");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void anUnreachableDatabaseIsOneLineSayingWhatToCheckWithoutThePassword() throws Exception {
    Path file = Files.writeString(tmp.resolve("pw"), SECRET + "\n");
    Path out = tmp.resolve("out");

    Cli.Run r =
        Cli.raw(
            "",
            "mock-cssm",
            "--out-dir",
            out.toString(),
            "--jdbc-url",
            "jdbc:postgresql://127.0.0.1:1/x",
            "--jdbc-user",
            "lab",
            "--jdbc-password-file",
            file.toString());

    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.STATE);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err())
        .contains("cannot use the PostgreSQL database jdbc:postgresql://127.0.0.1:1/x as lab")
        .contains("check that PostgreSQL runs at that host and port", JdbcOptions.PASSWORD_ENV)
        .doesNotContain("Exception", "\tat ");
    assertThat(r.all()).doesNotContain(SECRET).doesNotContain("listening");
    assertThat(out.resolve(JdbcOptions.KEYS_FILE)).doesNotExist();
  }

  @Test
  void theHelpSaysWhereThePasswordComesFromAndThatTheKeysFileIsShared() {
    Cli.Run r = Cli.raw("", "mock-cssm", "--help");

    assertThat(r.out().replaceAll("\\s+", " "))
        .contains("--jdbc-url", "--jdbc-user", "--jdbc-password-file", "--keys-file")
        .contains(JdbcOptions.PASSWORD_ENV)
        .contains("Start the first server alone on a new database")
        .contains("must use a copy of the same keys file");
  }

  private Cli.Run mockCssm(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "mock-cssm";
    all[1] = "--out-dir";
    all[2] = tmp.resolve("out").toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.raw("", all);
  }
}
