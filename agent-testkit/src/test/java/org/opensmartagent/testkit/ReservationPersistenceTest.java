package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.testkit.ReservationFixture.MALWARE;
import static org.opensmartagent.testkit.ReservationFixture.requestCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;

/**
 * Reservations and the reservation signing key survive a restart of the server from its state file
 * or its database.
 */
class ReservationPersistenceTest {
  @TempDir Path dir;

  /** The state file (JSON) or the SQLite database, configured on a builder. */
  private MockLicenseServer.Builder persisted(MockLicenseServer.Builder b, String backend) {
    return backend.equals("json")
        ? b.stateFile(dir.resolve("state.json"))
        : b.database(Database.sqlite(dir.resolve("state.db")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "sqlite"})
  void reservationsSurviveARestart(String backend) throws Exception {
    try (ReservationFixture r =
        new ReservationFixture(persisted(MockLicenseServer.builder(), backend))) {
      r.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 4));
      SmartAgent updated = r.agent("FCH0001");
      SmartAgent permanent = r.agent("FCH0002");
      SmartAgent returned = r.agent("FCH0003");
      SmartAgent later = r.agent("FCH0004");
      RequestCode updatedRequest = requestCode(updated, ReservationType.SPECIFIC);
      updated.installAuthorizationCode(reserve(r.admin(), updatedRequest, 1));
      String confirmation = updated.reauthorize(reserve(r.admin(), updatedRequest, 2));
      RequestCode plr = requestCode(permanent, ReservationType.UNIVERSAL);
      permanent.installAuthorizationCode(
          r.admin().reserve("lab", plr.text(), ReservationType.UNIVERSAL, List.of()));
      returned.installAuthorizationCode(
          reserve(r.admin(), requestCode(returned, ReservationType.SPECIFIC), 1));
      String returnCode = returned.returnReservation().text();
      r.admin().returnReservation(returnCode);
      RequestCode laterRequest = requestCode(later, ReservationType.SPECIFIC);
      List<ReservationInfo> before = r.admin().reservations();
      List<TagUsage> usage = r.admin().usage("lab");
      r.f.server.close();

      try (MockLicenseServer restored =
          persisted(MockLicenseServer.builder().clock(r.f.time.clock()), backend).build()) {
        LicenseAdmin admin = restored.admin();
        assertThat(admin.reservations()).isEqualTo(before);
        assertThat(admin.usage("lab")).isEqualTo(usage);
        assertThat(restored.reservationSigningChain())
            .usingElementComparator(Arrays::compare)
            .containsExactlyElementsOf(r.f.server.reservationSigningChain());
        assertThatThrownBy(() -> admin.returnReservation(returnCode))
            .isInstanceOf(ReservationRefusedException.class)
            .hasMessageContaining("already used");
        admin.confirm(updatedRequest.text(), confirmation);
        later.installAuthorizationCode(reserve(admin, laterRequest, 1));
        assertThat(later.status().registration().state())
            .isEqualTo(RegistrationState.REGISTERED_SLR);
        admin.returnReservation(updated.returnReservation().text());
        assertThat(admin.usage("lab")).contains(new TagUsage(MALWARE, 1, 4, false));
      }
    }
  }

  @Test
  void aStateFileSavedBeforeReservationSigningGetsANewSignerUnderTheSameCa() throws Exception {
    Path file = dir.resolve("state.json");
    List<byte[]> original;
    try (MockLicenseServer server = MockLicenseServer.builder().stateFile(file).build()) {
      original = server.reservationSigningChain();
    }
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
    ((ObjectNode) root.path("pki")).remove("reservationSigner");
    Files.write(file, mapper.writeValueAsBytes(root));

    try (MockLicenseServer restored = MockLicenseServer.builder().stateFile(file).build()) {
      List<byte[]> chain = restored.reservationSigningChain();
      assertThat(chain).hasSize(2);
      assertThat(chain.get(1)).isEqualTo(original.get(1));
      assertThat(chain.get(0)).isNotEqualTo(original.get(0));
    }
    assertThat(Files.readString(file)).contains("reservationSigner");
  }

  private static String reserve(LicenseAdmin admin, RequestCode request, long count) {
    return admin.reserve(
        "lab",
        request.text(),
        ReservationType.SPECIFIC,
        List.of(new ReservationLine(MALWARE, count)));
  }
}
