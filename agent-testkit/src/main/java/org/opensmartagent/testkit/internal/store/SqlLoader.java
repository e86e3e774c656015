package org.opensmartagent.testkit.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.testkit.internal.ProductInstance;
import org.opensmartagent.testkit.internal.Reservation;
import org.opensmartagent.testkit.internal.ServerState;
import org.opensmartagent.testkit.internal.Token;
import org.opensmartagent.testkit.internal.VirtualAccount;

/**
 * Reads the rows {@link SqlWriter} wrote at a revision after {@code since} into a {@link
 * ServerState}, each table in the order its rows were first written: with {@code since} -1 the
 * whole state (at start, or a reload), else what other processes changed (a catch-up, which reads
 * only rows of a newer revision, through the {@code rev} indexes). Each row replaces what memory
 * holds under its key, so reading a row twice does no harm. On the store's connection, inside its
 * transaction.
 */
final class SqlLoader {
  static final TypeReference<LinkedHashMap<String, Long>> USAGE = new TypeReference<>() {};
  static final TypeReference<List<String>> CODES = new TypeReference<>() {};

  /** Parses a JSON column, failing with the store's message. */
  interface JsonReader {
    <T> T read(String text, TypeReference<T> type);
  }

  private interface Row {
    void read(ResultSet r) throws SQLException;
  }

  private final Connection c;
  private final JsonReader json;
  private final long since;

  SqlLoader(Connection c, JsonReader json, long since) {
    this.c = c;
    this.json = json;
    this.since = since;
  }

  /** Reads everything changed after {@code since}: removals first, then the rows. */
  void all(ServerState state) throws SQLException {
    if (since >= 0) {
      each(
          "SELECT id FROM removed_instances{rev}",
          r -> state.findInstance(r.getString(1)).ifPresent(state::removeInstance));
    }
    accounts(state);
    tokens(state);
    instances(state);
    reservations(state);
    each(
        "SELECT udi, tag FROM conversions{rev}",
        r -> state.convert(r.getString(1), EntitlementTag.parse(r.getString(2))));
  }

  /**
   * Runs {@code sql}, in which {@code {rev}} (or {@code {v.rev}}) stands for the revision filter:
   * none for a whole load (a plain table scan, not one index lookup per row), else the rows newer
   * than {@code since}.
   */
  private void each(String sql, Row row) throws SQLException {
    boolean all = since < 0;
    String filtered = sql.replaceAll("\\{([a-z.]+)\\}", all ? "" : " WHERE $1 > ?");
    try (PreparedStatement p = c.prepareStatement(filtered)) {
      p.setFetchSize(10_000);
      if (!all) {
        p.setLong(1, since);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          row.read(r);
        }
      }
    }
  }

  private void accounts(ServerState state) throws SQLException {
    each(
        "SELECT name FROM smart_accounts{rev} ORDER BY seq",
        r -> state.addSmartAccount(r.getString(1)));
    Map<String, VirtualAccount> vas = new LinkedHashMap<>();
    each(
        "SELECT name, smart_account, auto_grant FROM virtual_accounts{rev} ORDER BY seq",
        r -> {
          VirtualAccount va = new VirtualAccount(r.getString(1), r.getString(2));
          state.addVirtualAccount(va);
          state.autoGrant(va, r.getInt(3) != 0);
          vas.put(va.name(), va);
        });
    each(
        "SELECT l.virtual_account, l.tag, l.count, l.term_start, l.term_end, l.allow_overage"
            + " FROM licenses l JOIN virtual_accounts v ON v.name = l.virtual_account"
            + "{v.rev} ORDER BY l.virtual_account, l.position",
        r -> {
          LicenseTerm term =
              new LicenseTerm(
                  Optional.ofNullable(r.getString(4)).map(Instant::parse),
                  Optional.ofNullable(r.getString(5)).map(Instant::parse));
          LicenseGrant g =
              new LicenseGrant(
                  EntitlementTag.parse(r.getString(2)), r.getLong(3), term, r.getInt(6) != 0);
          VirtualAccount va = vas.get(r.getString(1));
          if (va != null) {
            state.addGrant(va, g);
          }
        });
  }

  private void tokens(ServerState state) throws SQLException {
    each(
        "SELECT value, virtual_account, description, validity_days, max_uses,"
            + " export_controlled, created_at, uses, revoked FROM tokens{rev}"
            + " ORDER BY seq",
        r -> {
          TokenSpec spec =
              new TokenSpec(r.getString(3), r.getInt(4), r.getInt(5), r.getInt(6) != 0);
          state.addToken(
              new Token(
                  r.getString(1),
                  r.getString(2),
                  spec,
                  Instant.parse(r.getString(7)),
                  r.getInt(8),
                  r.getInt(9) != 0));
        });
  }

  private void instances(ServerState state) throws SQLException {
    Base64.Decoder b64 = Base64.getDecoder();
    each(
        "SELECT id, udi, virtual_account, public_key, registered_at, id_cert_not_after,"
            + " usage_report FROM instances{rev} ORDER BY seq",
        r -> {
          ProductInstance i =
              new ProductInstance(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  b64.decode(r.getString(4)),
                  Instant.parse(r.getString(5)),
                  Instant.parse(r.getString(6)));
          Map<EntitlementTag, Long> usage = new LinkedHashMap<>();
          json.read(r.getString(7), USAGE)
              .forEach((tag, n) -> usage.put(EntitlementTag.parse(tag), n));
          i.report(usage);
          state.addInstance(i);
        });
  }

  private void reservations(ServerState state) throws SQLException {
    each(
        "SELECT request_code, virtual_account, authorization_code, earlier_codes,"
            + " returned FROM reservations{rev} ORDER BY seq",
        r -> {
          List<AuthorizationCode> earlier = new ArrayList<>();
          json.read(r.getString(4), CODES).forEach(t -> earlier.add(AuthorizationCode.parse(t)));
          state.addReservation(
              new Reservation(
                  RequestCode.parse(r.getString(1)),
                  r.getString(2),
                  AuthorizationCode.parse(r.getString(3)),
                  earlier,
                  r.getInt(5) != 0));
        });
  }
}
