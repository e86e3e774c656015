package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.testkit.ReservationFixture.DLP;
import static org.opensmartagent.testkit.ReservationFixture.MALWARE;
import static org.opensmartagent.testkit.ReservationFixture.requestCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.RegistrationState;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.testkit.AdminClient.Answer;

/** The reservation routes of the admin HTTP API: the whole SLR cycle, then 400, 404 and 409. */
class ReservationAdminApiTest {
  private ReservationFixture r;
  private AdminClient admin;

  @BeforeEach
  void start() throws Exception {
    r = new ReservationFixture();
    r.admin().addLicenses("lab", LicenseGrant.perpetual(MALWARE, 2));
    r.admin().addLicenses("lab", LicenseGrant.perpetual(DLP, 1));
    admin = new AdminClient(r.f.server);
  }

  @AfterEach
  void stop() {
    admin.close();
    r.close();
  }

  @Test
  void reserveUpdateConfirmListAndReturnOverHttp() throws Exception {
    SmartAgent agent = r.agent("FCH0001");
    RequestCode request = requestCode(agent, ReservationType.SPECIFIC);

    Answer reserved = reserve(request.text(), "SPECIFIC", MALWARE.value(), 2);
    assertThat(reserved.code()).isEqualTo(201);
    agent.installAuthorizationCode(reserved.json().path("authorizationCode").asText());
    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_SLR);

    Answer update = reserve(request.text(), "specific", DLP.value(), 1);
    assertThat(update.code()).isEqualTo(201);
    String confirmation = agent.reauthorize(update.json().path("authorizationCode").asText());
    Answer listed = admin.get("/admin/reservations");
    assertThat(listed.code()).isEqualTo(200);
    assertThat(listed.json().get(0).path("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
    assertThat(listed.json().get(0).path("reserved").path(DLP.value()).asLong()).isEqualTo(1);
    assertThat(listed.json().get(0).path("udi").asText()).isEqualTo("P:ESA-C170,S:FCH0001");
    Answer confirmed = confirm(request.text(), confirmation);
    assertThat(confirmed.code()).isEqualTo(200);
    assertThat(confirmed.json().path("confirmed").asBoolean()).isTrue();

    String returnCode = agent.returnReservation().text();
    Answer returned =
        admin.post(
            "/admin/reservations/return", AdminClient.object().put("returnCode", returnCode));
    assertThat(returned.code()).isEqualTo(200);
    Answer again =
        admin.post(
            "/admin/reservations/return", AdminClient.object().put("returnCode", returnCode));
    assertThat(again.code()).isEqualTo(409);
    assertThat(again.error()).contains("already used");
    assertThat(admin.get("/admin/reservations").json().get(0).path("status").asText())
        .isEqualTo("RETURNED");
  }

  @Test
  void aUniversalReservationOverHttpTakesNoEntitlements() throws Exception {
    SmartAgent agent = r.agent("FCH0001");
    RequestCode request = requestCode(agent, ReservationType.UNIVERSAL);
    ObjectNode body =
        AdminClient.object().put("requestCode", request.text()).put("type", "UNIVERSAL");

    Answer reserved = admin.post("/admin/virtual-accounts/lab/reservations", body);

    assertThat(reserved.code()).isEqualTo(201);
    agent.installAuthorizationCode(reserved.json().path("authorizationCode").asText());
    assertThat(agent.status().registration().state()).isEqualTo(RegistrationState.REGISTERED_PLR);
  }

  @Test
  void badInputIs400WithTheReason() throws Exception {
    SmartAgent agent = r.agent("FCH0001");
    String code = requestCode(agent, ReservationType.SPECIFIC).text();
    String cut = code.substring(0, code.length() - 1);

    assertError(reserve(cut, "SPECIFIC", MALWARE.value(), 1), 400, "Copy the whole code again");
    assertError(
        reserve("hello", "SPECIFIC", MALWARE.value(), 1), 400, "Not a reservation request code");
    assertError(reserve(code, "SOME", MALWARE.value(), 1), 400, "\"SPECIFIC\" or \"UNIVERSAL\"");
    assertError(
        reserve(code, "UNIVERSAL", MALWARE.value(), 1), 400, "asks for a SPECIFIC reservation");
    assertError(reserve(code, "SPECIFIC", MALWARE.value(), 0), 400, "must be at least 1");
    assertError(reserve(code, "SPECIFIC", "bad tag!", 1), 400, "tag");
    ObjectNode noLines = AdminClient.object().put("requestCode", code).put("type", "SPECIFIC");
    assertError(
        admin.post("/admin/virtual-accounts/lab/reservations", noLines), 400, "at least one");
    noLines.put("entitlements", "MALWARE");
    assertError(
        admin.post("/admin/virtual-accounts/lab/reservations", noLines), 400, "must be an array");
    assertError(admin.post("/admin/virtual-accounts/lab/reservations", "[]"), 400, "JSON object");
    assertError(confirm(code, "xyz"), 400, "8 hexadecimal characters");
    assertError(
        admin.post("/admin/reservations/return", AdminClient.object().put("returnCode", "abc")),
        400,
        "nine dash-separated groups");
    assertError(admin.post("/admin/reservations/return", "{}"), 400, "'returnCode'");
  }

  @Test
  void refusalsAre409AndUnknownNames404() throws Exception {
    SmartAgent first = r.agent("FCH0001");
    SmartAgent second = r.agent("FCH0002");
    RequestCode firstRequest = requestCode(first, ReservationType.SPECIFIC);
    String secondRequest = requestCode(second, ReservationType.SPECIFIC).text();
    first.installAuthorizationCode(
        reserve(firstRequest.text(), "SPECIFIC", MALWARE.value(), 2)
            .json()
            .path("authorizationCode")
            .asText());

    assertError(
        reserve(secondRequest, "SPECIFIC", MALWARE.value(), 1),
        409,
        "too few ESA_Anti_Malware licenses: 1 requested, 0 available");
    assertError(confirm(firstRequest.text(), "0123abcd"), 409, "waits for confirmation");
    reserve(firstRequest.text(), "SPECIFIC", MALWARE.value(), 1);
    assertError(confirm(firstRequest.text(), "0123abcd"), 409, "does not match");
    String returnCode = first.returnReservation().text();
    String unknown =
        returnCode.substring(0, returnCode.length() - 1) + (returnCode.endsWith("z") ? "y" : "z");
    assertError(
        admin.post("/admin/reservations/return", AdminClient.object().put("returnCode", unknown)),
        409,
        "matches no reservation");
    assertError(
        reserve(secondRequest, "SPECIFIC", MALWARE.value(), 9), 409, "9 requested, 1 available");
    assertError(confirm(secondRequest, "0123abcd"), 404, "No reservation for request code");
    Answer unknownVa =
        admin.post(
            "/admin/virtual-accounts/nope/reservations",
            body(secondRequest, "SPECIFIC", MALWARE.value(), 1));
    assertError(unknownVa, 404, "no virtual account 'nope'");
  }

  private Answer reserve(String requestCode, String type, String tag, long count)
      throws IOException {
    return admin.post(
        "/admin/virtual-accounts/lab/reservations", body(requestCode, type, tag, count));
  }

  private static ObjectNode body(String requestCode, String type, String tag, long count) {
    ObjectNode body = AdminClient.object().put("requestCode", requestCode).put("type", type);
    body.putArray("entitlements").addObject().put("tag", tag).put("count", count);
    return body;
  }

  private Answer confirm(String requestCode, String confirmation) throws IOException {
    return admin.post(
        "/admin/reservations/confirm",
        AdminClient.object().put("requestCode", requestCode).put("confirmationCode", confirmation));
  }

  private static void assertError(Answer answer, int code, String message) {
    assertThat(answer.code()).as(answer.json().toString()).isEqualTo(code);
    assertThat(answer.error()).contains(message);
  }
}
