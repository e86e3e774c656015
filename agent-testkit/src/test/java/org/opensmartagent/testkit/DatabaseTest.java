package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.core.transport.Verdict;
import org.opensmartagent.transport.TransportKind;

/** The SQLite-backed server: one transaction per change, restarts, migrations, import, keys. */
@Timeout(60)
class DatabaseTest {
  private static final EntitlementTag MALWARE = EntitlementTag.parse("ESA_Anti_Malware");

  @TempDir Path dir;

  @Test
  void everyChangeIsCommittedAtOnceAndARestartServesTheSameInstances() throws Exception {
    Path db = dir.resolve("state.db");
    Fixture first = new Fixture(MockLicenseServer.builder().database(Database.sqlite(db)));
    first.server.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 2));
    first.server.admin().autoGrant("lab", true);
    TestDevice device = first.device(TransportKind.DIRECT);
    device.register(first.token);
    device.authorize(EntitlementRequest.one(MALWARE));
    // committed while the server still runs: another connection sees the instance and its usage
    assertThat(count(db, "SELECT COUNT(*) FROM instances WHERE usage_report LIKE '%Malware%'"))
        .isEqualTo(1);
    assertThat(count(db, "SELECT uses FROM tokens")).isEqualTo(1);
    List<InstanceInfo> instances = first.server.admin().instances();
    List<TokenInfo> tokens = first.server.admin().tokens("lab");
    first.close();
    device.close();

    MockLicenseServer restored =
        MockLicenseServer.builder()
            .clock(first.time.clock())
            .database(Database.sqlite(db))
            .build()
            .start();
    try (restored;
        TestDevice same = device.moveTo(restored, TransportKind.DIRECT);
        TestDevice twin =
            new TestDevice(restored, TransportKind.DIRECT, device.udi, first.time.clock())) {
      assertThat(restored.rootCertificatePem()).isEqualTo(first.server.rootCertificatePem());
      assertThat(restored.admin().instances()).isEqualTo(instances);
      assertThat(restored.admin().tokens("lab")).isEqualTo(tokens);
      assertThat(restored.admin().accounts().get(0).virtualAccounts().get(0).autoGrant()).isTrue();
      assertThat(same.authorize(EntitlementRequest.one(MALWARE)).reply().body().verdicts())
          .containsExactly(new Verdict(MALWARE, Verdict.Kind.AUTHORIZED, "1 in use, 2 licensed"));
      RegistrationTest.assertRejected(twin.register(first.token), RejectReason.ALREADY_REGISTERED);
      restored.admin().removeInstance(device.instanceId);
      assertThat(count(db, "SELECT COUNT(*) FROM instances")).isZero();
    }
  }

  @Test
  void theKeysStayInAnOwnerOnlyFileAndNeverInTheDatabase() throws Exception {
    Path db = dir.resolve("state.db");
    String key;
    try (MockLicenseServer server =
        MockLicenseServer.builder().database(Database.sqlite(db)).build()) {
      server.admin().createSmartAccount("acme").createVirtualAccount("acme", "lab");
      Path keys = Database.sqlite(db).keysFile();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
          .isEqualTo("rw-------");
      String text = Files.readString(keys);
      key = text.replaceAll("(?s).*\"privateKeyPkcs8\" : \"([^\"]{40}).*", "$1");
      assertThat(key).hasSize(40);
    }
    for (String f : new String[] {"state.db", "state.db-wal"}) {
      Path p = dir.resolve(f);
      if (Files.exists(p)) {
        assertThat(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1))
            .doesNotContain(key);
      }
    }
  }

  @Test
  void theDatabaseItsDirectoryAndItsWalAreOwnerOnly() throws Exception {
    Path db = dir.resolve("new").resolve("state.db");
    try (MockLicenseServer server =
        MockLicenseServer.builder().database(Database.sqlite(db)).build()) {
      server.admin().createSmartAccount("acme").createVirtualAccount("acme", "lab");
      server.admin().createToken("lab", TokenSpec.standard("for a device"));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db.getParent())))
          .isEqualTo("rwx------");
      for (String f : new String[] {"state.db", "state.db-wal", "state.db-shm"}) {
        Path p = db.resolveSibling(f);
        if (Files.exists(p)) {
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
              .as("%s holds tokens", f)
              .isEqualTo("rw-------");
        }
      }
    }
  }

  @Test
  void aDatabaseWithoutItsKeysFileIsRefusedRatherThanGivenANewRoot() throws Exception {
    Path db = dir.resolve("state.db");
    try (MockLicenseServer server =
        MockLicenseServer.builder().database(Database.sqlite(db)).build()) {
      server.admin().createSmartAccount("acme");
    }
    Files.delete(Database.sqlite(db).keysFile());
    assertThatThrownBy(() -> MockLicenseServer.builder().database(Database.sqlite(db)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keys file")
        .hasMessageContaining("is missing");
  }

  @Test
  void aVersion1DatabaseIsMigratedAndANewerOneIsRefused() throws Exception {
    Path db = dir.resolve("old.db");
    try (MockLicenseServer server =
        MockLicenseServer.builder().database(Database.sqlite(db)).build()) {
      server.admin().createSmartAccount("acme").createVirtualAccount("acme", "lab");
    }
    // back to schema version 1, before the auto-grant column and the revisions
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE revision");
      s.execute("DROP TABLE removed_instances");
      for (String table :
          List.of(
              "smart_accounts",
              "virtual_accounts",
              "tokens",
              "instances",
              "reservations",
              "conversions")) {
        s.execute("DROP INDEX " + table + "_rev");
        s.execute("ALTER TABLE " + table + " DROP COLUMN rev");
      }
      s.execute("ALTER TABLE virtual_accounts DROP COLUMN auto_grant");
      s.execute("UPDATE schema_version SET version = 1");
    }
    try (MockLicenseServer server =
        MockLicenseServer.builder().database(Database.sqlite(db)).build()) {
      assertThat(server.admin().accounts())
          .singleElement()
          .satisfies(a -> assertThat(a.virtualAccounts().get(0).autoGrant()).isFalse());
    }
    assertThat(count(db, "SELECT version FROM schema_version")).isEqualTo(3);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("UPDATE schema_version SET version = 99");
    }
    assertThatThrownBy(() -> MockLicenseServer.builder().database(Database.sqlite(db)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema version 99");
  }

  @Test
  void aJsonStateFileIsImportedIntoANewDatabaseOnce() throws Exception {
    Path json = dir.resolve("state.json");
    List<InstanceInfo> instances;
    String root;
    try (Fixture f = new Fixture(MockLicenseServer.builder().stateFile(json))) {
      f.server.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 2));
      try (TestDevice d = f.device()) {
        d.register(f.token);
        d.authorize(EntitlementRequest.one(MALWARE));
      }
      instances = f.server.admin().instances();
      root = f.server.rootCertificatePem();
    }
    Path db = dir.resolve("imported.db");
    try (MockLicenseServer server =
        MockLicenseServer.builder().database(Database.sqlite(db)).importStateFile(json).build()) {
      assertThat(server.admin().instances()).isEqualTo(instances);
      assertThat(server.rootCertificatePem()).isEqualTo(root);
    }
    try (MockLicenseServer again =
        MockLicenseServer.builder().database(Database.sqlite(db)).build()) {
      assertThat(again.admin().instances()).isEqualTo(instances);
      assertThat(again.rootCertificatePem()).isEqualTo(root);
    }
    assertThatThrownBy(
            () ->
                MockLicenseServer.builder()
                    .database(Database.sqlite(db))
                    .importStateFile(json)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already holds");
  }

  @Test
  void aRefusedCommitLeavesTheServerWhereTheDatabaseIsAndSaysSo() throws Exception {
    Path db = dir.resolve("state.db");
    try (Fixture f = new Fixture(MockLicenseServer.builder().database(Database.sqlite(db)));
        TestDevice device = f.device(TransportKind.DIRECT)) {
      List<TokenInfo> tokens = f.server.admin().tokens("lab");
      execute(
          db,
          "CREATE TRIGGER refuse BEFORE INSERT ON instances BEGIN"
              + " SELECT RAISE(ABORT, 'refused by the test'); END");

      // the registration spends a token use and adds an instance in memory before the commit
      assertThatThrownBy(() -> device.register(f.token))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("answered HTTP 500");
      assertThat(f.server.admin().instances()).isEmpty();
      assertThat(f.server.admin().tokens("lab")).isEqualTo(tokens);

      execute(
          db,
          "CREATE TRIGGER refuse_tokens BEFORE INSERT ON tokens BEGIN"
              + " SELECT RAISE(ABORT, 'refused by the test'); END");
      AdminClient.Answer refused =
          new AdminClient(f.server)
              .post(
                  "/admin/virtual-accounts/lab/tokens",
                  AdminClient.object()
                      .put("description", "refused")
                      .put("validityDays", 30)
                      .put("maxUses", 1));
      assertThat(refused.code()).isEqualTo(503);
      assertThat(refused.json().path("error").asText())
          .contains("refused the change", "nothing was changed", "then retry");
      assertThat(f.server.admin().tokens("lab")).isEqualTo(tokens);

      execute(db, "DROP TRIGGER refuse");
      execute(db, "DROP TRIGGER refuse_tokens");
      assertThat(device.register(f.token).reply().isAccepted()).isTrue();
      assertThat(f.server.admin().instances()).singleElement();
      assertThat(count(db, "SELECT COUNT(*) FROM instances")).isEqualTo(1);
    }
  }

  private static void execute(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
