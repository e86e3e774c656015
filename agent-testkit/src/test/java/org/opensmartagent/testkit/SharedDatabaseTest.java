package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.testkit.ReservationFixture.DLP;
import static org.opensmartagent.testkit.ReservationFixture.MALWARE;
import static org.opensmartagent.testkit.ReservationFixture.requestCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.Verdict;
import org.opensmartagent.transport.TransportKind;

/**
 * Two mock servers on one database, as two processes would run: what one changes, the other sees at
 * its next operation, and writers through both never spend a token use or a license twice. On
 * SQLite by default, on PostgreSQL in the {@code postgres-backend} run.
 */
@Timeout(120)
class SharedDatabaseTest {
  @TempDir Path dir;

  private ReservationFixture r;
  private MockLicenseServer a;
  private MockLicenseServer b;
  private final List<TestDevice> devices = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Database db =
        Database.fromTestProperty().orElseGet(() -> Database.sqlite(dir.resolve("shared.db")));
    r = new ReservationFixture(MockLicenseServer.builder().database(db));
    a = r.f.server;
    b = MockLicenseServer.builder().database(db).clock(r.f.time.clock()).build().start();
  }

  @AfterEach
  void stop() {
    devices.forEach(TestDevice::close);
    b.close();
    r.close();
  }

  private TestDevice device(MockLicenseServer server, String serial) {
    TestDevice d =
        new TestDevice(server, TransportKind.DIRECT, "PID:ESA-C170,SN:" + serial, r.f.time.clock());
    devices.add(d);
    return d;
  }

  private TestDevice move(TestDevice d, MockLicenseServer server) {
    TestDevice moved = d.moveTo(server, TransportKind.DIRECT);
    devices.add(moved);
    return moved;
  }

  @Test
  void aTokenCreatedOnOneRegistersADeviceOnTheOther() throws Exception {
    String token = a.admin().createToken("lab", TokenSpec.standard("made on A"));

    assertThat(device(b, "FCH0001").register(token).reply().isAccepted()).isTrue();

    assertThat(a.admin().tokens("lab"))
        .filteredOn(t -> token.startsWith(t.id()))
        .singleElement()
        .satisfies(t -> assertThat(t.uses()).as("the use B spent, seen on A").isEqualTo(1));
    assertThat(a.admin().instances()).isEqualTo(b.admin().instances()).hasSize(1);
  }

  @Test
  void anInstanceRegisteredOnOneIsAuthorizedAndRenewedOnTheOther() throws Exception {
    a.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 1));
    TestDevice onA = device(a, "FCH0001");
    onA.register(r.f.token);
    TestDevice onB = move(onA, b);

    assertThat(onB.authorize(EntitlementRequest.one(MALWARE)).reply().body().verdicts())
        .containsExactly(new Verdict(MALWARE, Verdict.Kind.AUTHORIZED, "1 in use, 1 licensed"));
    assertThat(onB.renew(onB.keys).reply().isAccepted()).isTrue();
    assertThat(a.admin().instance(onA.instanceId).usage()).containsEntry(MALWARE, 1L);
    assertThat(a.admin().instance(onA.instanceId).idCertNotAfter())
        .isEqualTo(b.admin().instance(onA.instanceId).idCertNotAfter());
  }

  @Test
  void concurrentRegistrationsThroughBothNeverSpendMoreThanTheTokensUses() throws Exception {
    int uses = 3;
    String token = a.admin().createToken("lab", new TokenSpec("three devices", 30, uses, false));
    List<Callable<Boolean>> registrations = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      TestDevice d = device(i % 2 == 0 ? a : b, "FCH" + (1000 + i));
      registrations.add(() -> d.register(token).reply().isAccepted());
    }
    ExecutorService pool = Executors.newFixedThreadPool(registrations.size());
    int accepted = 0;
    try {
      for (Future<Boolean> f : pool.invokeAll(registrations, 60, TimeUnit.SECONDS)) {
        accepted += f.get() ? 1 : 0;
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(accepted).isEqualTo(uses);
    assertThat(b.admin().instances()).hasSize(uses).isEqualTo(a.admin().instances());
    assertThat(b.admin().tokens("lab"))
        .filteredOn(t -> token.startsWith(t.id()))
        .singleElement()
        .satisfies(t -> assertThat(t.uses()).isEqualTo(uses));
  }

  @Test
  void anInstanceRemovedOnOneIsGoneOnTheOther() throws Exception {
    TestDevice onA = device(a, "FCH0001");
    onA.register(r.f.token);
    TestDevice onB = move(onA, b);
    assertThat(b.admin().instances()).hasSize(1);

    a.admin().removeInstance(onA.instanceId);

    assertThat(b.admin().instances()).isEmpty();
    RegistrationTest.assertRejected(
        onB.authorize(EntitlementRequest.one(MALWARE)), RejectReason.INSTANCE_UNKNOWN);
    assertThat(device(b, "FCH0001").register(r.f.token).reply().isAccepted())
        .as("the UDI is free again on B")
        .isTrue();
  }

  @Test
  void aReservationIssuedOnOneIsConfirmedAndReturnedOnTheOther() throws Exception {
    a.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 2));
    a.admin().addLicenses("lab", LicenseGrant.perpetual(DLP, 1));
    SmartAgent agent = r.agent("FCH0001");
    agent.request(MALWARE);
    agent.request(DLP);
    RequestCode request = requestCode(agent, ReservationType.SPECIFIC);
    agent.installAuthorizationCode(
        a.admin()
            .reserve(
                "lab",
                request.text(),
                ReservationType.SPECIFIC,
                List.of(new ReservationLine(MALWARE, 2))));

    String update =
        b.admin()
            .reserve(
                "lab",
                request.text(),
                ReservationType.SPECIFIC,
                List.of(new ReservationLine(DLP, 1)));
    b.admin().confirm(request.text(), agent.reauthorize(update));
    assertThat(a.admin().usage("lab")).contains(new TagUsage(DLP, 1, 1, false));

    a.admin().returnReservation(agent.returnReservation().text());
    assertThat(b.admin().reservations())
        .singleElement()
        .satisfies(i -> assertThat(i.status()).isEqualTo(ReservationInfo.Status.RETURNED));
    assertThat(b.admin().usage("lab")).contains(new TagUsage(DLP, 0, 1, false));
  }

  @Test
  void licensePoolChangesOnOneChangeTheVerdictsOnTheOther() throws Exception {
    TestDevice onB = device(b, "FCH0001");
    onB.register(r.f.token);
    a.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 1));
    assertThat(onB.authorize(EntitlementRequest.one(MALWARE)).reply().body().verdicts())
        .containsExactly(new Verdict(MALWARE, Verdict.Kind.AUTHORIZED, "1 in use, 1 licensed"));

    a.admin().removeLicenses("lab", MALWARE);

    assertThat(onB.authorize(EntitlementRequest.one(MALWARE)).reply().body().verdicts())
        .singleElement()
        .satisfies(v -> assertThat(v.kind()).isEqualTo(Verdict.Kind.OUT_OF_COMPLIANCE));
  }
}
