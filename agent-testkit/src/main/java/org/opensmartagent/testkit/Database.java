package org.opensmartagent.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.opensmartagent.testkit.internal.store.SqlStore;

/**
 * Where a {@link MockLicenseServer} keeps its state: an embedded SQLite file, or any JDBC URL the
 * same SQL runs on (PostgreSQL). The server's keys are never in the database: they stay in {@link
 * #keysFile()}, written owner-only. Immutable; the password is never in {@link #toString()}.
 */
public final class Database {
  /**
   * A test hook: when this system property is {@code sqlite}, a server built with neither a
   * database nor a state file gets a new SQLite database in a temporary directory, so the server's
   * tests can run on both backends.
   */
  public static final String TEST_BACKEND_PROPERTY = "opensmartagent.testkit.database";

  private final Optional<Path> sqliteFile;
  private final Optional<String> url;
  private final Properties credentials;
  private final Path keysFile;

  private Database(
      Optional<Path> sqliteFile, Optional<String> url, Properties credentials, Path keysFile) {
    this.sqliteFile = sqliteFile;
    this.url = url;
    this.credentials = credentials;
    this.keysFile = keysFile;
  }

  /** The SQLite database {@code file} (created if missing), keys in {@code file.keys.json}. */
  public static Database sqlite(Path file) {
    Objects.requireNonNull(file, "file == null");
    Path abs = file.toAbsolutePath();
    return new Database(
        Optional.of(abs),
        Optional.empty(),
        new Properties(),
        abs.resolveSibling(abs.getFileName() + ".keys.json"));
  }

  /** The database at {@code jdbcUrl}, e.g. {@code jdbc:postgresql://localhost/cssm}. */
  public static Database jdbc(String jdbcUrl, String user, String password, Path keysFile) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
    Properties p = new Properties();
    p.setProperty("user", Objects.requireNonNull(user, "user == null"));
    p.setProperty("password", Objects.requireNonNull(password, "password == null"));
    return new Database(
        Optional.empty(),
        Optional.of(jdbcUrl),
        p,
        Objects.requireNonNull(keysFile, "keysFile == null").toAbsolutePath());
  }

  /** The owner-only file with the server's PKI and TLS keys. */
  public Path keysFile() {
    return keysFile;
  }

  SqlStore open() {
    return sqliteFile.map(SqlStore::sqlite).orElseGet(() -> SqlStore.jdbc(url.get(), credentials));
  }

  static Optional<Database> fromTestProperty() {
    String backend = System.getProperty(TEST_BACKEND_PROPERTY, "");
    if (!backend.equals("sqlite") && !backend.startsWith("jdbc:postgresql:")) {
      return Optional.empty();
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("mock-license-server-db");
      dir.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary database directory", e);
    }
    if (backend.equals("sqlite")) {
      return Optional.of(sqlite(dir.resolve("state.db")));
    }
    String name = "mock_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(backend, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test schema at " + backend, e);
    }
    String url = backend + (backend.contains("?") ? "&" : "?") + "currentSchema=" + name;
    return Optional.of(jdbc(url, "postgres", "", dir.resolve("keys.json")));
  }

  @Override
  public String toString() {
    return sqliteFile.map(Path::toString).orElseGet(url::get);
  }
}
