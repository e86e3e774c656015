package org.opensmartagent.testkit.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.reservation.AuthorizationCode;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.internal.ProductInstance;
import org.opensmartagent.testkit.internal.Reservation;
import org.opensmartagent.testkit.internal.ServerState;
import org.opensmartagent.testkit.internal.Token;
import org.opensmartagent.testkit.internal.VirtualAccount;

/**
 * Writes what one change touched, read from the {@link ServerState}, as rows stamped with the
 * change's revision ({@code rev}), so another process can read exactly those rows; a removed
 * instance leaves a row in {@code removed_instances}. Creation order is kept in {@code seq}, which
 * a row keeps when it is updated. Inside the store's transaction; the caller commits.
 */
final class SqlWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection c;
  private final long rev;
  private long seq;

  SqlWriter(Connection c, long rev) {
    this.c = c;
    this.rev = rev;
    this.seq = rev << 24;
  }

  void write(ServerState state, ServerState.Changes changes) throws SQLException {
    for (String sa : changes.smartAccounts) {
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO smart_accounts (name, seq, rev) VALUES (?, ?, ?) ON CONFLICT (name)"
                  + " DO NOTHING")) {
        p.setString(1, sa);
        p.setLong(2, seq++);
        p.setLong(3, rev);
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
        removeInstance(removed.id());
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
      for (EntitlementTag tag : state.conversions().getOrDefault(udi, Set.of())) {
        try (PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO conversions (udi, tag, rev) VALUES (?, ?, ?) ON CONFLICT DO"
                    + " NOTHING")) {
          p.setString(1, udi);
          p.setString(2, tag.value());
          p.setLong(3, rev);
          p.executeUpdate();
        }
      }
    }
  }

  private void removeInstance(String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM instances WHERE id = ?")) {
      p.setString(1, id);
      p.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO removed_instances (id, rev) VALUES (?, ?)")) {
      p.setString(1, id);
      p.setLong(2, rev);
      p.executeUpdate();
    }
  }

  private void writeVirtualAccount(VirtualAccount va) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO virtual_accounts (name, smart_account, auto_grant, seq, rev) VALUES (?,"
                + " ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET auto_grant = excluded.auto_grant,"
                + " rev = excluded.rev")) {
      p.setString(1, va.name());
      p.setString(2, va.smartAccount());
      p.setInt(3, va.autoGrant() ? 1 : 0);
      p.setLong(4, seq++);
      p.setLong(5, rev);
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
                + " export_controlled, created_at, uses, revoked, seq, rev) VALUES (?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (value) DO UPDATE SET uses = excluded.uses,"
                + " revoked = excluded.revoked, rev = excluded.rev")) {
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
      p.setLong(11, rev);
      p.executeUpdate();
    }
  }

  private void writeInstance(ProductInstance i) throws SQLException {
    Map<String, Long> usage = new LinkedHashMap<>();
    i.usage().forEach((tag, n) -> usage.put(tag.value(), n));
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO instances (id, udi, virtual_account, public_key, registered_at,"
                + " id_cert_not_after, usage_report, seq, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET id_cert_not_after ="
                + " excluded.id_cert_not_after, usage_report = excluded.usage_report,"
                + " rev = excluded.rev")) {
      p.setString(1, i.id());
      p.setString(2, i.udi());
      p.setString(3, i.virtualAccount());
      p.setString(4, Base64.getEncoder().encodeToString(i.publicKey()));
      p.setString(5, i.registeredAt().toString());
      p.setString(6, i.idCertNotAfter().toString());
      p.setString(7, json(usage));
      p.setLong(8, seq++);
      p.setLong(9, rev);
      p.executeUpdate();
    }
  }

  private void writeReservation(Reservation r) throws SQLException {
    List<String> earlier = r.earlier().stream().map(AuthorizationCode::text).toList();
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO reservations (product_instance_id, request_code, virtual_account,"
                + " authorization_code, earlier_codes, returned, seq, rev) VALUES (?, ?, ?, ?, ?,"
                + " ?, ?, ?) ON CONFLICT (product_instance_id) DO UPDATE SET authorization_code ="
                + " excluded.authorization_code, earlier_codes = excluded.earlier_codes,"
                + " returned = excluded.returned, rev = excluded.rev")) {
      p.setString(1, r.productInstanceId());
      p.setString(2, r.request().text());
      p.setString(3, r.virtualAccount());
      p.setString(4, r.latest().text());
      p.setString(5, json(earlier));
      p.setInt(6, r.isReturned() ? 1 : 0);
      p.setLong(7, seq++);
      p.setLong(8, rev);
      p.executeUpdate();
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
    }
  }
}
