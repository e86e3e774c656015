package org.opensmartagent.testkit.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import org.opensmartagent.testkit.internal.OwnerOnlyFiles;
import org.opensmartagent.testkit.internal.Persistence;
import org.opensmartagent.testkit.internal.ServerState;
import org.opensmartagent.testkit.internal.StorageFailure;

/**
 * The server's state in a SQL database (SQLite or PostgreSQL, same SQL), shared by every server
 * process that opens the same database. {@link #load} reads it all at start. A change {@link
 * #begin}s by incrementing the one-row {@code revision} (the row lock in PostgreSQL, the write lock
 * in SQLite: the writers of all processes take turns) and, when the revision it finds is not the
 * next after the one this process last saw, reads the rows other processes wrote since (each row
 * carries the revision that wrote it, and removals leave a row in {@code removed_instances}); the
 * operation then runs on an up-to-date state and {@link #commit} writes what it changed, stamped
 * with that revision, in the same transaction. A read catches up the same way without the lock. A
 * failed commit is rolled back, memory is read again from the database (or, if that fails too, on
 * the next operation) and a {@link StoreFailure} says what to do. Keys are not here: they stay in
 * an owner-only file. One connection; the caller serializes every call (the {@link
 * org.opensmartagent.testkit.internal.LicenseService} lock). A connection that is lost (closed, as
 * pgjdbc does when its socket timeout fires, or failing with SQLState class 08) is reopened with
 * the same URL and properties at the start of the next operation, one attempt per operation, and
 * memory is then read again from the database.
 */
public final class SqlStore implements Persistence, Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final long UNKNOWN = -1;

  private final Opener opener;
  private Connection c;

  /** The connection was lost: the next operation reopens it. */
  private boolean lost;

  private final String where;
  private final int foundVersion;

  /** The revision memory reflects; {@link #UNKNOWN} until read, or after a failed restore. */
  private long seen = UNKNOWN;

  /** The revision of the change under way. */
  private long writing;

  private boolean closed;

  /** A database failure: the change was rolled back, or the database cannot be read. */
  public static final class StoreFailure extends StorageFailure {
    private static final long serialVersionUID = 1L;

    StoreFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Opens a connection to the store's database, ready to use; called again to reconnect. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  SqlStore(Opener opener, String where) throws SQLException {
    this.opener = opener;
    this.where = where;
    this.c = open(opener);
    this.foundVersion = Migrations.migrate(c);
  }

  private static Connection open(Opener opener) throws SQLException {
    Connection c = opener.open();
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      closeQuietly(c, e);
      throw e;
    }
    return c;
  }

  private static void closeQuietly(Connection c, Exception e) {
    try {
      c.close();
    } catch (SQLException suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  /** Opens (creating if needed) the SQLite database {@code file}, in WAL mode. */
  public static SqlStore sqlite(Path file) {
    Objects.requireNonNull(file, "file == null");
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    try {
      createOwnerOnly(file.toAbsolutePath());
      return new SqlStore(() -> sqliteConnection(url), file.toString());
    } catch (SQLException e) {
      throw new StoreFailure("cannot open the SQLite database " + file + ": " + e.getMessage(), e);
    }
  }

  private static Connection sqliteConnection(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA busy_timeout=10000");
    } catch (SQLException e) {
      closeQuietly(c, e);
      throw e;
    }
    return c;
  }

  /**
   * Creates a new database file (and its directory) owner-only before SQLite opens it: the database
   * holds tokens, and SQLite gives its -wal and -shm files the database file's mode.
   */
  private static void createOwnerOnly(Path file) {
    if (Files.exists(file)) {
      return;
    }
    try {
      OwnerOnlyFiles.createFile(file);
    } catch (IOException e) {
      throw new StoreFailure(
          "cannot create the SQLite database " + file + ": " + e + "; check the directory", e);
    }
  }

  /**
   * Opens the database at a JDBC URL (e.g. PostgreSQL), creating the schema if needed, with {@link
   * #bounded} timeouts.
   */
  public static SqlStore jdbc(String url, Properties credentials) {
    Objects.requireNonNull(url, "url == null");
    try {
      Properties properties = bounded(url, credentials);
      return new SqlStore(() -> DriverManager.getConnection(url, properties), url);
    } catch (SQLException e) {
      throw new StoreFailure("cannot open the database " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code credentials} plus bounds on a PostgreSQL connection that the URL does not set itself
   * (its parameters win): 10 s to connect, 30 s to log in, 60 s for any one answer (pgjdbc waits
   * for ever by default), and TCP keep-alive. A database that stops answering then fails the
   * operation in progress with a {@link StoreFailure} instead of holding the server's lock, and
   * every device's exchange, for ever; pgjdbc closes the connection then, and the next operation
   * reopens it and reads memory again. The longest answer the server waits for, loading 300,000
   * instances at start, takes a few seconds.
   */
  static Properties bounded(String url, Properties credentials) {
    Properties p = new Properties();
    p.putAll(credentials);
    if (url.startsWith("jdbc:postgresql:")) {
      p.putIfAbsent("connectTimeout", "10");
      p.putIfAbsent("loginTimeout", "30");
      p.putIfAbsent("socketTimeout", "60");
      p.putIfAbsent("tcpKeepAlive", "true");
    }
    return p;
  }

  /** True when the database had no schema before this store opened it. */
  public boolean isNew() {
    return foundVersion == 0;
  }

  /** The schema version now in the database. */
  public int schemaVersion() {
    reconnectIfLost();
    try {
      return Migrations.version(c);
    } catch (SQLException e) {
      noteIfLost(e);
      throw failure("read the schema version of", e);
    }
  }

  /** Reads the whole state, as of the revision it finds. */
  public ServerState load() {
    reconnectIfLost();
    ServerState state = new ServerState();
    try {
      reload(state, revision());
      c.commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      noteIfLost(e);
      throw failure("read", e);
    }
    return state;
  }

  /** Writes everything in {@code state} (an import), in one transaction. */
  public void importAll(ServerState state) {
    ServerState.Changes all = new ServerState.Changes();
    all.smartAccounts.addAll(state.smartAccounts());
    state.virtualAccounts().forEach(va -> all.virtualAccounts.add(va.name()));
    state.tokens().forEach(t -> all.tokens.add(t.value()));
    state.instances().forEach(i -> all.instances.add(i.id()));
    state.reservations().forEach(r -> all.reservations.add(r.productInstanceId()));
    all.conversions.addAll(state.conversions().keySet());
    reconnectIfLost();
    try {
      long rev = bump();
      new SqlWriter(c, rev).write(state, all);
      c.commit();
      seen = rev;
    } catch (SQLException e) {
      rollbackQuietly(e);
      noteIfLost(e);
      throw failure("import into", e);
    }
    state.takeChanges();
  }

  @Override
  public void beforeRead(ServerState state) {
    if (closed) {
      return;
    }
    reconnectIfLost();
    try {
      catchUp(state, revision());
      c.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(e);
      noteIfLost(e);
      seen = UNKNOWN;
      throw e instanceof SQLException s ? failure("read", s) : (RuntimeException) e;
    }
  }

  /**
   * Increments the revision, which waits for any other process's change to commit and keeps the
   * next out until this one ends, then reads what changed since this process last looked.
   */
  @Override
  public void begin(ServerState state) {
    if (closed) {
      throw new StoreFailure(
          "the mock server is closed and no longer writes to the database "
              + where
              + "; start it again to make changes",
          null);
    }
    reconnectIfLost();
    try {
      long rev = bump();
      catchUp(state, rev - 1);
      writing = rev;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(e);
      noteIfLost(e);
      seen = UNKNOWN;
      throw e instanceof SQLException s ? failure("read", s) : (RuntimeException) e;
    }
  }

  @Override
  public void commit(ServerState state) {
    ServerState.Changes changes = state.takeChanges();
    try {
      if (changes.isEmpty()) {
        c.rollback(); // nothing to write: the revision stays where it was
        return;
      }
      new SqlWriter(c, writing).write(state, changes);
      c.commit();
      seen = writing;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(e);
      noteIfLost(e);
      restore(state, e);
      throw new StoreFailure(
          "the database "
              + where
              + " refused the change ("
              + e.getMessage()
              + "); nothing was changed"
              + (seen == UNKNOWN ? " (the state is read again before the next operation)" : "")
              + "; check that the database is reachable and writable (disk space, permissions,"
              + " connection), then retry",
          e);
    }
  }

  @Override
  public void abort(ServerState state) {
    ServerState.Changes changes = state.takeChanges();
    RuntimeException cause = new IllegalStateException("the operation failed");
    rollbackQuietly(cause);
    if (isClosed() || connectionError(cause)) { // an operation's own refusal needs no probe
      lost = true;
    }
    if (!changes.isEmpty()) {
      restore(state, cause);
    }
  }

  /** Makes memory equal the database again after a change was rolled back: a full reload. */
  private void restore(ServerState state, Exception failure) {
    if (lost) {
      seen = UNKNOWN; // read again once the next operation has reconnected
      return;
    }
    try {
      reload(state, revision());
      c.commit();
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      rollbackQuietly(e);
      seen = UNKNOWN; // the next operation reads everything again, or fails
    }
  }

  /**
   * Brings {@code state} to revision {@code rev}: the rows written after the revision memory
   * reflects, or, when that is unknown, everything.
   */
  private void catchUp(ServerState state, long rev) throws SQLException {
    if (seen == UNKNOWN) {
      reload(state, rev);
    } else if (rev > seen) {
      new SqlLoader(c, this::read, seen).all(state);
      state.takeChanges();
      seen = rev;
    }
  }

  private void reload(ServerState state, long rev) throws SQLException {
    seen = UNKNOWN;
    state.clear();
    new SqlLoader(c, this::read, -1).all(state);
    state.takeChanges();
    seen = rev;
  }

  private long bump() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE revision SET rev = rev + 1");
    }
    return revision();
  }

  private long revision() throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT rev FROM revision")) {
      if (!r.next()) {
        throw new SQLException("the revision table is empty");
      }
      return r.getLong(1);
    }
  }

  /**
   * Reopens a lost connection with the same URL and properties: one attempt; memory is read again
   * from the database by the operation that follows. The old connection is dropped.
   */
  private void reconnectIfLost() {
    if (closed || (!lost && !isClosed())) {
      return; // a closed store fails as before: it no longer uses the database
    }
    lost = true;
    seen = UNKNOWN;
    Connection fresh;
    try {
      fresh = open(opener);
    } catch (SQLException | RuntimeException e) {
      throw new StoreFailure(
          "lost the connection to the database "
              + where
              + " and cannot reopen it ("
              + e.getMessage()
              + "); nothing was changed; check that the database is reachable and answering,"
              + " then retry (each operation tries to reconnect once)",
          e);
    }
    try {
      c.close(); // the lost connection: whatever it says now does not matter
    } catch (SQLException ignored) {
      // already broken
    }
    c = fresh;
    lost = false;
  }

  private boolean isClosed() {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /**
   * After a failure: marks the connection lost when it is closed, failed with a connection error
   * (SQLState class 08) or no longer answers, so that the next operation reopens it.
   */
  private void noteIfLost(Exception failure) {
    if (lost || connectionError(failure) || isClosed() || !isValid()) {
      lost = true;
      seen = UNKNOWN;
    }
  }

  private boolean isValid() {
    try {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static boolean connectionError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (isConnectionError(t)) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (isConnectionError(suppressed)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isConnectionError(Throwable t) {
    return t instanceof SQLException s
        && s.getSQLState() != null
        && s.getSQLState().startsWith("08");
  }

  /** For tests: drops the connection as a database that stopped answering would. */
  void loseConnectionForTest() throws SQLException {
    c.close();
  }

  private void rollbackQuietly(Exception e) {
    try {
      c.rollback();
    } catch (SQLException suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      c.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }

  <T> T read(String text, TypeReference<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new StoreFailure("the database " + where + " holds malformed JSON: " + text, e);
    }
  }

  private StoreFailure failure(String what, SQLException e) {
    return new StoreFailure("cannot " + what + " the database " + where + ": " + e.getMessage(), e);
  }
}
