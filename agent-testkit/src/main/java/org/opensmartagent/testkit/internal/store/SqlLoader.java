package org.opensmartagent.testkit.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Reads the tables {@link SqlStore} writes back into a {@link ServerState}, each in the order its
 * rows were first written. Used once per start, on the store's connection.
 */
final class SqlLoader {
  static final TypeReference<LinkedHashMap<String, Long>> USAGE = new TypeReference<>() {};
  static final TypeReference<List<String>> CODES = new TypeReference<>() {};

  /** Parses a JSON column, failing with the store's message. */
  interface JsonReader {
    <T> T read(String text, TypeReference<T> type);
  }

  private final Connection c;
  private final JsonReader json;

  SqlLoader(Connection c, JsonReader json) {
    this.c = c;
    this.json = json;
  }

  void accounts(ServerState state) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name FROM smart_accounts ORDER BY seq")) {
      while (r.next()) {
        state.addSmartAccount(r.getString(1));
      }
    }
    Map<String, VirtualAccount> vas = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT name, smart_account, auto_grant FROM virtual_accounts ORDER BY seq")) {
      while (r.next()) {
        VirtualAccount va = new VirtualAccount(r.getString(1), r.getString(2));
        state.addVirtualAccount(va);
        state.autoGrant(va, r.getInt(3) != 0);
        vas.put(va.name(), va);
      }
    }
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT virtual_account, tag, count, term_start, term_end, allow_overage FROM"
                    + " licenses ORDER BY virtual_account, position")) {
      while (r.next()) {
        LicenseTerm term =
            new LicenseTerm(
                Optional.ofNullable(r.getString(4)).map(Instant::parse),
                Optional.ofNullable(r.getString(5)).map(Instant::parse));
        LicenseGrant g =
            new LicenseGrant(
                EntitlementTag.parse(r.getString(2)), r.getLong(3), term, r.getInt(6) != 0);
        state.addGrant(vas.get(r.getString(1)), g);
      }
    }
  }

  void tokens(ServerState state) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT value, virtual_account, description, validity_days, max_uses,"
                    + " export_controlled, created_at, uses, revoked FROM tokens ORDER BY seq")) {
      while (r.next()) {
        TokenSpec spec = new TokenSpec(r.getString(3), r.getInt(4), r.getInt(5), r.getInt(6) != 0);
        state.addToken(
            new Token(
                r.getString(1),
                r.getString(2),
                spec,
                Instant.parse(r.getString(7)),
                r.getInt(8),
                r.getInt(9) != 0));
      }
    }
  }

  void instances(ServerState state) throws SQLException {
    Base64.Decoder b64 = Base64.getDecoder();
    try (Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet r =
          s.executeQuery(
              "SELECT id, udi, virtual_account, public_key, registered_at, id_cert_not_after,"
                  + " usage_report FROM instances ORDER BY seq")) {
        while (r.next()) {
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
        }
      }
    }
  }

  void reservations(ServerState state) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT request_code, virtual_account, authorization_code, earlier_codes,"
                    + " returned FROM reservations ORDER BY seq")) {
      while (r.next()) {
        List<AuthorizationCode> earlier = new ArrayList<>();
        json.read(r.getString(4), CODES).forEach(t -> earlier.add(AuthorizationCode.parse(t)));
        state.addReservation(
            new Reservation(
                RequestCode.parse(r.getString(1)),
                r.getString(2),
                AuthorizationCode.parse(r.getString(3)),
                earlier,
                r.getInt(5) != 0));
      }
    }
  }
}
