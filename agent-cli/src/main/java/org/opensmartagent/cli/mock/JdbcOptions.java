package org.opensmartagent.cli.mock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.opensmartagent.testkit.Database;
import picocli.CommandLine.Option;

/**
 * {@code mock-cssm}'s options for a PostgreSQL database that several servers share. The password is
 * never an option (it would show in the process list): it comes from {@link #PASSWORD_ENV} or
 * {@code --jdbc-password-file}, and no message or {@code toString} carries it.
 */
final class JdbcOptions {
  /** The environment variable with the database password (empty when unset). */
  static final String PASSWORD_ENV = "LICENSE_SMART_MOCK_CSSM_DB_PASSWORD";

  /** The default keys file in the out dir. */
  static final String KEYS_FILE = "mock-cssm.keys.json";

  private static final String SCHEME = "jdbc:postgresql:";

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "Keep the state in the PostgreSQL database URL (jdbc:postgresql://HOST[:PORT]/DB), which"
              + " several mock-cssm processes may share; the password comes from $"
              + PASSWORD_ENV
              + " or --jdbc-password-file. Start the first server alone on a new database.")
  Optional<String> url = Optional.empty();

  @Option(names = "--jdbc-user", paramLabel = "USER", description = "The PostgreSQL user.")
  Optional<String> user = Optional.empty();

  @Option(
      names = "--jdbc-password-file",
      paramLabel = "FILE",
      description =
          "Read the database password from the first line of FILE (keep it owner-only) instead of"
              + " $"
              + PASSWORD_ENV
              + ".")
  Optional<Path> passwordFile = Optional.empty();

  @Option(
      names = "--keys-file",
      paramLabel = "FILE",
      description =
          "With --jdbc-url: the owner-only file with the server's PKI and TLS keys (default: "
              + KEYS_FILE
              + " in the out dir; created by the first server). Every server sharing the database"
              + " must use a copy of the same keys file.")
  Optional<Path> keysFile = Optional.empty();

  /** What the options say, with the password read; the password is never in {@link #toString}. */
  record Settings(String url, String user, String password, Path keysFile) {
    Database database() {
      return Database.jdbc(url, user, password, keysFile);
    }

    /**
     * The one-line error for a database that refused the connection or the schema: what to check,
     * without the password.
     */
    IllegalStateException unreachable(SQLException e) {
      String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
      if (!password.isEmpty()) {
        reason = reason.replace(password, "****");
      }
      return new IllegalStateException(
          "cannot use the PostgreSQL database "
              + url
              + " as "
              + user
              + ": "
              + reason
              + "; check that PostgreSQL runs at that host and port and accepts TCP/IP connections"
              + " from this machine, that the database exists, and that the password of "
              + user
              + " is in $"
              + PASSWORD_ENV
              + " or --jdbc-password-file");
    }

    @Override
    public String toString() {
      return url + " as " + user + " (keys in " + keysFile + ")";
    }
  }

  boolean given() {
    return url.isPresent();
  }

  /** Refuses options that make no sense together, before anything is read or opened. */
  void check() {
    if (url.isEmpty()) {
      if (user.isPresent() || passwordFile.isPresent() || keysFile.isPresent()) {
        throw new IllegalArgumentException(
            "--jdbc-user, --jdbc-password-file and --keys-file go with --jdbc-url; a SQLite"
                + " --database FILE keeps its keys in FILE.keys.json");
      }
      return;
    }
    String u = url.get();
    if (!u.startsWith(SCHEME)) {
      throw new IllegalArgumentException(
          "--jdbc-url "
              + u
              + " is not a PostgreSQL URL; give jdbc:postgresql://HOST[:PORT]/DB (for a SQLite"
              + " file use --database FILE)");
    }
    if (u.toLowerCase(Locale.ROOT).contains("password=")) {
      throw new IllegalArgumentException(
          "--jdbc-url must not hold the password (it would show in the process list); remove"
              + " it from the URL and put it in $"
              + PASSWORD_ENV
              + " or a --jdbc-password-file");
    }
    if (user.isEmpty()) {
      throw new IllegalArgumentException("--jdbc-url needs --jdbc-user USER (the PostgreSQL user)");
    }
  }

  /** The settings, the password read from {@code --jdbc-password-file}, else {@code env}. */
  Settings settings(Path outDir, UnaryOperator<String> env) {
    check();
    String password =
        passwordFile.isPresent()
            ? readPassword(passwordFile.get())
            : Optional.ofNullable(env.apply(PASSWORD_ENV)).orElse("");
    Path keys = keysFile.orElse(outDir.resolve(KEYS_FILE)).toAbsolutePath().normalize();
    return new Settings(url.orElseThrow(), user.orElseThrow(), password, keys);
  }

  private static String readPassword(Path file) {
    try {
      return Files.readString(file).lines().findFirst().orElse("");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the password file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); give a file this user can read, the password on its first line",
          e);
    }
  }
}
