package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.transport.RejectReason;

class AdminApiTest {
  private Fixture fixture;
  private OkHttpClient client;

  @BeforeEach
  void start() throws Exception {
    fixture = new Fixture();
    HandshakeCertificates trust =
        new HandshakeCertificates.Builder()
            .addTrustedCertificate(
                Certificates.decodeCertificatePem(fixture.server.tlsCaCertificatePem()))
            .build();
    client =
        new OkHttpClient.Builder()
            .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
            .build();
  }

  @AfterEach
  void stop() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    fixture.close();
  }

  @Test
  void accountsTokensAndLicensesCreatedOverHttpServeARegistration() throws Exception {
    assertThat(post("/admin/accounts", "{\"name\":\"globex\"}").code).isEqualTo(201);
    assertThat(post("/admin/accounts/globex/virtual-accounts", "{\"name\":\"prod\"}").code)
        .isEqualTo(201);
    Answer token =
        post(
            "/admin/virtual-accounts/prod/tokens",
            "{\"description\":\"rack 4\",\"validityDays\":30,\"maxUses\":2,"
                + "\"exportControlled\":true}");
    assertThat(token.code).isEqualTo(201);
    String value = token.body.replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    assertThat(value).matches("[A-Za-z0-9%-]{80}");
    assertThat(
            post(
                    "/admin/virtual-accounts/prod/licenses",
                    "{\"tag\":\"ESA_Anti_Malware\",\"count\":4,"
                        + "\"start\":\"2025-01-01T00:00:00Z\",\"end\":\"2026-01-01T00:00:00Z\"}")
                .code)
        .isEqualTo(201);

    try (TestDevice device = fixture.device()) {
      assertThat(device.register(value).reply().body().virtualAccount()).isEqualTo("prod");
      device.authorize(EntitlementRequest.one(EntitlementTag.parse("ESA_Anti_Malware")));
      Answer instances = get("/admin/instances");
      assertThat(instances.code).isEqualTo(200);
      assertThat(instances.body).contains(device.instanceId, "\"smartAccount\" : \"globex\"");
      assertThat(get("/admin/virtual-accounts/prod/usage").body)
          .contains("\"inUse\" : 1", "\"licensed\" : 4");
    }
    HttpUrl revoke =
        url("/admin/tokens").newBuilder().addPathSegment(value).addPathSegment("revoke").build();
    assertThat(send(new Request.Builder().url(revoke).post(json("")).build()).code).isEqualTo(200);
    try (TestDevice late = fixture.device()) {
      RegistrationTest.assertRejected(late.register(value), RejectReason.TOKEN_REVOKED);
    }
  }

  @Test
  void badInputIs400WithAMessageSayingWhatToDo() throws Exception {
    Answer missing = post("/admin/accounts", "{}");
    assertThat(missing.code).isEqualTo(400);
    assertThat(missing.body).contains("\"error\"", "field 'name' (a string) is required");

    Answer validity =
        post(
            "/admin/virtual-accounts/lab/tokens",
            "{\"description\":\"x\",\"validityDays\":400,\"maxUses\":1}");
    assertThat(validity.code).isEqualTo(400);
    assertThat(validity.body).contains("validityDays must be 1..365");

    assertThat(post("/admin/accounts", "not json").code).isEqualTo(400);
    assertThat(
            post("/admin/virtual-accounts/nope/tokens", "{\"validityDays\":1,\"maxUses\":1}").body)
        .contains("no virtual account 'nope'");
    assertThat(post("/admin/accounts", "{\"name\":\"acme\"}").code).isEqualTo(409);
    assertThat(get("/admin/unknown").code).isEqualTo(404);
  }

  @Test
  void withoutTheAdminTokenEveryRouteIs401AndNothingChanges() throws Exception {
    Request noToken =
        new Request.Builder().url(url("/admin/accounts")).post(json("{\"name\":\"x1\"}")).build();
    Answer none = raw(noToken);
    assertThat(none.code).isEqualTo(401);
    assertThat(none.body).contains("Authorization: Bearer", "mock-cssm-admin-token");
    Request wrong =
        noToken.newBuilder().header("Authorization", "Bearer not-the-admin-token").build();
    assertThat(raw(wrong).code).isEqualTo(401);
    Request basic = noToken.newBuilder().header("Authorization", "Basic YWRtaW46YWRtaW4=").build();
    assertThat(raw(basic).code).isEqualTo(401);
    assertThat(raw(new Request.Builder().url(url("/admin/instances")).build()).code).isEqualTo(401);
    assertThat(fixture.server.admin().instances()).isEmpty();
    assertThat(post("/admin/accounts", "{\"name\":\"x1\"}").code)
        .as("x1 was not created by the refused requests")
        .isEqualTo(201);
  }

  @Test
  void formPostsAndPlainTextAreRefusedAndNoCorsHeadersAreSent() throws Exception {
    RequestBody form =
        RequestBody.create("name=evil", MediaType.get("application/x-www-form-urlencoded"));
    Answer formPost = send(new Request.Builder().url(url("/admin/accounts")).post(form).build());
    assertThat(formPost.code).isEqualTo(415);
    assertThat(formPost.body).contains("JSON only");
    RequestBody text = RequestBody.create("{\"name\":\"evil\"}", MediaType.get("text/plain"));
    assertThat(send(new Request.Builder().url(url("/admin/accounts")).post(text).build()).code)
        .isEqualTo(415);
    assertThat(post("/admin/accounts", "{\"name\":\"evil\"}").code)
        .as("the refused posts created nothing")
        .isEqualTo(201);

    Request preflight =
        new Request.Builder()
            .url(url("/admin/accounts"))
            .method("OPTIONS", null)
            .header("Origin", "https://evil.example")
            .header("Access-Control-Request-Method", "POST")
            .build();
    try (Response r = client.newCall(preflight).execute()) {
      assertThat(r.code()).isGreaterThanOrEqualTo(400);
      assertThat(r.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("access-control"));
    }
    Request get =
        new Request.Builder()
            .url(url("/admin/instances"))
            .header("Origin", "https://evil.example")
            .header("Authorization", "Bearer " + fixture.server.adminToken())
            .build();
    try (Response r = client.newCall(get).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("access-control"));
    }
  }

  private Answer post(String path, String body) throws IOException {
    return send(new Request.Builder().url(url(path)).post(json(body)).build());
  }

  private Answer get(String path) throws IOException {
    return send(new Request.Builder().url(url(path)).build());
  }

  private HttpUrl url(String path) {
    return HttpUrl.get(fixture.server.baseUrl().resolve(path).toString());
  }

  private static RequestBody json(String body) {
    return RequestBody.create(body, MediaType.get("application/json"));
  }

  private Answer send(Request request) throws IOException {
    return raw(
        request
            .newBuilder()
            .header("Authorization", "Bearer " + fixture.server.adminToken())
            .build());
  }

  private Answer raw(Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return new Answer(response.code(), response.body().string());
    }
  }

  private record Answer(int code, String body) {}
}
