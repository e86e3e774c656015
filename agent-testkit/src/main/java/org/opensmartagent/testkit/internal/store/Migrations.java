package org.opensmartagent.testkit.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema, as numbered migrations applied in order, each in its own transaction together with
 * the new version number. A database newer than this code is refused rather than guessed at. The
 * SQL is the subset SQLite and PostgreSQL share (text, integers, {@code ON CONFLICT}). Stateless.
 */
final class Migrations {
  /** Migration {@code i} brings the schema from version {@code i} to {@code i + 1}. */
  static final List<List<String>> STEPS =
      List.of(
          List.of(
              "CREATE TABLE smart_accounts (name VARCHAR(64) PRIMARY KEY, seq BIGINT NOT NULL)",
              "CREATE TABLE virtual_accounts (name VARCHAR(64) PRIMARY KEY,"
                  + " smart_account VARCHAR(64) NOT NULL, seq BIGINT NOT NULL)",
              "CREATE TABLE licenses (virtual_account VARCHAR(64) NOT NULL, position INTEGER NOT"
                  + " NULL, tag VARCHAR(256) NOT NULL, count BIGINT NOT NULL, term_start"
                  + " VARCHAR(40), term_end VARCHAR(40), allow_overage INTEGER NOT NULL,"
                  + " PRIMARY KEY (virtual_account, position))",
              "CREATE TABLE tokens (value VARCHAR(256) PRIMARY KEY, virtual_account VARCHAR(64)"
                  + " NOT NULL, description TEXT NOT NULL, validity_days INTEGER NOT NULL,"
                  + " max_uses INTEGER NOT NULL, export_controlled INTEGER NOT NULL, created_at"
                  + " VARCHAR(40) NOT NULL, uses INTEGER NOT NULL, revoked INTEGER NOT NULL,"
                  + " seq BIGINT NOT NULL)",
              "CREATE TABLE instances (id VARCHAR(64) PRIMARY KEY, udi VARCHAR(256) NOT NULL,"
                  + " virtual_account VARCHAR(64) NOT NULL, public_key TEXT NOT NULL,"
                  + " registered_at VARCHAR(40) NOT NULL, id_cert_not_after VARCHAR(40) NOT NULL,"
                  + " usage_report TEXT NOT NULL, seq BIGINT NOT NULL)",
              "CREATE TABLE reservations (product_instance_id VARCHAR(64) PRIMARY KEY,"
                  + " request_code TEXT NOT NULL, virtual_account VARCHAR(64) NOT NULL,"
                  + " authorization_code TEXT NOT NULL, earlier_codes TEXT NOT NULL,"
                  + " returned INTEGER NOT NULL, seq BIGINT NOT NULL)",
              "CREATE TABLE conversions (udi VARCHAR(256) NOT NULL, tag VARCHAR(256) NOT NULL,"
                  + " PRIMARY KEY (udi, tag))"),
          List.of(
              // version 2: the per-account automatic grant of tags without licenses
              "ALTER TABLE virtual_accounts ADD COLUMN auto_grant INTEGER NOT NULL DEFAULT 0"),
          sharing());

  /**
   * Version 3, for several servers on one database: a one-row {@code revision} that every change
   * increments first (which serializes the writers of all processes), the revision of the change
   * that last wrote each row, indexed, and the instances removed at each revision.
   */
  private static List<String> sharing() {
    List<String> sql = new ArrayList<>();
    sql.add("CREATE TABLE revision (id INTEGER PRIMARY KEY, rev BIGINT NOT NULL)");
    sql.add("INSERT INTO revision (id, rev) VALUES (1, 0)");
    for (String table :
        List.of(
            "smart_accounts",
            "virtual_accounts",
            "tokens",
            "instances",
            "reservations",
            "conversions")) {
      sql.add("ALTER TABLE " + table + " ADD COLUMN rev BIGINT NOT NULL DEFAULT 0");
      sql.add("CREATE INDEX " + table + "_rev ON " + table + " (rev)");
    }
    sql.add("CREATE TABLE removed_instances (id VARCHAR(64) NOT NULL, rev BIGINT NOT NULL)");
    sql.add("CREATE INDEX removed_instances_rev ON removed_instances (rev)");
    return List.copyOf(sql);
  }

  /** The schema version this code writes. */
  static final int CURRENT = STEPS.size();

  private Migrations() {}

  /**
   * Brings {@code c}'s schema to {@link #CURRENT}; returns the version it found (0 for a new
   * database).
   *
   * @throws IllegalStateException when the database is newer than this code
   */
  static int migrate(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    }
    c.commit();
    int found = version(c);
    if (found > CURRENT) {
      throw new IllegalStateException(
          "the database has schema version "
              + found
              + " but this mock server knows versions up to "
              + CURRENT
              + "; use a newer open-smart-agent testkit with it, or start with a new database");
    }
    for (int v = found; v < CURRENT; v++) {
      try (Statement s = c.createStatement()) {
        for (String sql : STEPS.get(v)) {
          s.execute(sql);
        }
        s.execute("DELETE FROM schema_version");
        s.execute("INSERT INTO schema_version (version) VALUES (" + (v + 1) + ")");
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
    return found;
  }

  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return r.next() ? r.getInt(1) : 0;
    }
  }
}
