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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.internal.OwnerOnlyFiles;
import org.opensmartagent.testkit.internal.ProductInstance;
import org.opensmartagent.testkit.internal.Reservation;
import org.opensmartagent.testkit.internal.ServerState;
import org.opensmartagent.testkit.internal.Token;
import org.opensmartagent.testkit.internal.VirtualAccount;

/**
 * The server's state in a SQL database (SQLite or PostgreSQL, same SQL): {@link #load} reads it all
 * at start; {@link #commit} writes what one operation changed in one transaction. Keys are not
 * here: they stay in an owner-only file. One connection; the caller serializes every call (the
 * {@link org.opensmartagent.testkit.internal.LicenseService} lock). A failed commit is rolled back
 * and thrown as {@link StoreFailure}.
 */
public final class SqlStore implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection c;
  private final String where;
  private final int foundVersion;
  private long seq;

  /** A database failure: the change was rolled back, or the database cannot be read. */
  public static final class StoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private SqlStore(Connection c, String where) throws SQLException {
    this.c = c;
    this.where = where;
    c.setAutoCommit(false);
    this.foundVersion = Migrations.migrate(c);
    this.seq = maxSeq() + 1;
  }

  /** Opens (creating if needed) the SQLite database {@code file}, in WAL mode. */
  public static SqlStore sqlite(Path file) {
    Objects.requireNonNull(file, "file == null");
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    try {
      createOwnerOnly(file.toAbsolutePath());
      Connection c = DriverManager.getConnection(url);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=10000");
      }
      return new SqlStore(c, file.toString());
    } catch (SQLException e) {
      throw new StoreFailure("cannot open the SQLite database " + file + ": " + e.getMessage(), e);
    }
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

  /** Opens the database at a JDBC URL (e.g. PostgreSQL), creating the schema if needed. */
  public static SqlStore jdbc(String url, Properties credentials) {
    Objects.requireNonNull(url, "url == null");
    try {
      return new SqlStore(DriverManager.getConnection(url, credentials), url);
    } catch (SQLException e) {
      throw new StoreFailure("cannot open the database " + url + ": " + e.getMessage(), e);
    }
  }

  /** True when the database had no schema before this store opened it. */
  public boolean isNew() {
    return foundVersion == 0;
  }

  /** The schema version now in the database. */
  public int schemaVersion() {
    try {
      return Migrations.version(c);
    } catch (SQLException e) {
      throw failure("read the schema version of", e);
    }
  }

  /** Reads the whole state. */
  public ServerState load() {
    ServerState state = new ServerState();
    try {
      SqlLoader loader = new SqlLoader(c, this::read);
      loader.accounts(state);
      loader.tokens(state);
      loader.instances(state);
      loader.reservations(state);
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT udi, tag FROM conversions")) {
        while (r.next()) {
          state.convert(r.getString(1), EntitlementTag.parse(r.getString(2)));
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw failure("read", e);
    }
    state.takeChanges();
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
    commit(state, all);
  }

  /** Writes {@code changes}, read from {@code state}, in one transaction. */
  public void commit(ServerState state, ServerState.Changes changes) {
    if (changes.isEmpty()) {
      return;
    }
    try {
      for (String sa : changes.smartAccounts) {
        try (PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO smart_accounts (name, seq) VALUES (?, ?) ON CONFLICT (name) DO"
                    + " NOTHING")) {
          p.setString(1, sa);
          p.setLong(2, seq++);
          p.executeUpdate();
        }
      }
      for (String name : changes.virtualAccounts) {
        writeVirtualAccount(state.virtualAccount(name));
      }
      for (String value : changes.tokens) {
        Optional<Token> t = state.findToken(value);
        if (t.isPresent()) {
          writeToken(t.get());
        }
      }
      for (ProductInstance removed : changes.removedInstances) {
        if (state.findInstance(removed.id()).isEmpty()) {
          try (PreparedStatement p = c.prepareStatement("DELETE FROM instances WHERE id = ?")) {
            p.setString(1, removed.id());
            p.executeUpdate();
          }
        }
      }
      for (String id : changes.instances) {
        Optional<ProductInstance> i = state.findInstance(id);
        if (i.isPresent()) {
          writeInstance(i.get());
        }
      }
      for (String id : changes.reservations) {
        Optional<Reservation> r = state.findReservation(id);
        if (r.isPresent()) {
          writeReservation(r.get());
        }
      }
      for (String udi : changes.conversions) {
        for (EntitlementTag tag : state.conversions().getOrDefault(udi, java.util.Set.of())) {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO conversions (udi, tag) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            p.setString(1, udi);
            p.setString(2, tag.value());
            p.executeUpdate();
          }
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e instanceof SQLException s ? failure("write", s) : (RuntimeException) e;
    }
  }

  @Override
  public void close() {
    try {
      c.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }

  private void writeVirtualAccount(VirtualAccount va) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO virtual_accounts (name, smart_account, auto_grant, seq) VALUES (?, ?, ?,"
                + " ?) ON CONFLICT (name) DO UPDATE SET auto_grant = excluded.auto_grant")) {
      p.setString(1, va.name());
      p.setString(2, va.smartAccount());
      p.setInt(3, va.autoGrant() ? 1 : 0);
      p.setLong(4, seq++);
      p.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM licenses WHERE virtual_account = ?")) {
      p.setString(1, va.name());
      p.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO licenses (virtual_account, position, tag, count, term_start, term_end,"
                + " allow_overage) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (LicenseGrant g : va.pool()) {
        p.setString(1, va.name());
        p.setInt(2, position++);
        p.setString(3, g.tag().value());
        p.setLong(4, g.count());
        p.setString(5, g.term().start().map(Instant::toString).orElse(null));
        p.setString(6, g.term().end().map(Instant::toString).orElse(null));
        p.setInt(7, g.allowOverage() ? 1 : 0);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void writeToken(Token t) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO tokens (value, virtual_account, description, validity_days, max_uses,"
                + " export_controlled, created_at, uses, revoked, seq) VALUES (?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?) ON CONFLICT (value) DO UPDATE SET uses = excluded.uses,"
                + " revoked = excluded.revoked")) {
      p.setString(1, t.value());
      p.setString(2, t.virtualAccount());
      p.setString(3, t.spec().description());
      p.setInt(4, t.spec().validityDays());
      p.setInt(5, t.spec().maxUses());
      p.setInt(6, t.spec().exportControlled() ? 1 : 0);
      p.setString(7, t.createdAt().toString());
      p.setInt(8, t.uses());
      p.setInt(9, t.revoked() ? 1 : 0);
      p.setLong(10, seq++);
      p.executeUpdate();
    }
  }

  private void writeInstance(ProductInstance i) throws SQLException {
    Map<String, Long> usage = new LinkedHashMap<>();
    i.usage().forEach((tag, n) -> usage.put(tag.value(), n));
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO instances (id, udi, virtual_account, public_key, registered_at,"
                + " id_cert_not_after, usage_report, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON"
                + " CONFLICT (id) DO UPDATE SET id_cert_not_after = excluded.id_cert_not_after,"
                + " usage_report = excluded.usage_report")) {
      p.setString(1, i.id());
      p.setString(2, i.udi());
      p.setString(3, i.virtualAccount());
      p.setString(4, Base64.getEncoder().encodeToString(i.publicKey()));
      p.setString(5, i.registeredAt().toString());
      p.setString(6, i.idCertNotAfter().toString());
      p.setString(7, json(usage));
      p.setLong(8, seq++);
      p.executeUpdate();
    }
  }

  private void writeReservation(Reservation r) throws SQLException {
    List<String> earlier = r.earlier().stream().map(AuthorizationCode::text).toList();
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO reservations (product_instance_id, request_code, virtual_account,"
                + " authorization_code, earlier_codes, returned, seq) VALUES (?, ?, ?, ?, ?, ?,"
                + " ?) ON CONFLICT (product_instance_id) DO UPDATE SET authorization_code ="
                + " excluded.authorization_code, earlier_codes = excluded.earlier_codes,"
                + " returned = excluded.returned")) {
      p.setString(1, r.productInstanceId());
      p.setString(2, r.request().text());
      p.setString(3, r.virtualAccount());
      p.setString(4, r.latest().text());
      p.setString(5, json(earlier));
      p.setInt(6, r.isReturned() ? 1 : 0);
      p.setLong(7, seq++);
      p.executeUpdate();
    }
  }

  private long maxSeq() throws SQLException {
    long max = 0;
    for (String table :
        List.of("smart_accounts", "virtual_accounts", "tokens", "instances", "reservations")) {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT MAX(seq) FROM " + table)) {
        if (r.next()) {
          max = Math.max(max, r.getLong(1));
        }
      }
    }
    c.commit();
    return max;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
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
