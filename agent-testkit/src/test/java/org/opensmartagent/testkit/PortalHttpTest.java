package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmartagent.core.EntitlementTag;

/**
 * The portal over plain HTTP, without a browser: headers, sessions, methods; and the admin API
 * routes the portal's pages rely on (accounts, tokens, instance removal, the event log).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PortalHttpTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixture f;
  private OkHttpClient client;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    HandshakeCertificates trust =
        new HandshakeCertificates.Builder()
            .addTrustedCertificate(
                Certificates.decodeCertificatePem(f.server.tlsCaCertificatePem()))
            .build();
    client =
        new OkHttpClient.Builder()
            .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
            .followRedirects(false)
            .build();
  }

  @AfterEach
  void stop() {
    client.connectionPool().evictAll();
    client.dispatcher().executorService().shutdown();
    f.close();
  }

  @Test
  void everyAnswerCarriesTheStrictHeadersAndPagesNeedASession() throws Exception {
    for (String path : new String[] {"/portal", "/portal/tokens", "/portal/sign-in", "/portal/x"}) {
      try (Response r = get(path, "")) {
        assertThat(r.header("Content-Security-Policy"))
            .as(path)
            .isEqualTo(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        if (!path.equals("/portal/sign-in")) {
          assertThat(r.code()).as(path).isEqualTo(303);
          assertThat(r.header("Location")).isEqualTo("/portal/sign-in");
        }
      }
    }
    try (Response css = get("/portal/static/portal.css", "");
        Response missing = get("/portal/static/..%2F..%2Fportal.css", "");
        Response put =
            client
                .newCall(
                    new Request.Builder()
                        .url(url("/portal/account"))
                        .put(RequestBody.create(new byte[0]))
                        .build())
                .execute()) {
      assertThat(css.code()).isEqualTo(200);
      assertThat(css.header("Content-Type")).startsWith("text/css");
      assertThat(missing.code()).isEqualTo(404);
      assertThat(put.code()).isEqualTo(405);
    }
  }

  @Test
  void signingInReplacesTheSessionAndAnIdleSessionEnds() throws Exception {
    String before;
    String csrf;
    try (Response r = get("/portal/sign-in", "")) {
      before = cookie(r);
      csrf = csrf(r.body().string());
      assertThat(r.header("Set-Cookie"))
          .contains("HttpOnly")
          .contains("SameSite=Strict")
          .contains("Secure")
          .contains("Path=/portal");
    }
    String after;
    try (Response r =
        post(
            "/portal/sign-in",
            before,
            new FormBody.Builder().add("csrf", csrf).add("token", f.server.adminToken()).build())) {
      assertThat(r.code()).isEqualTo(303);
      after = cookie(r);
    }
    assertThat(after).isNotEqualTo(before);
    try (Response old = get("/portal/account", before);
        Response fresh = get("/portal/account", after)) {
      assertThat(old.code()).isEqualTo(303);
      assertThat(fresh.code()).isEqualTo(200);
      assertThat(fresh.body().string()).contains("<h1>Smart accounts</h1>").contains("acme");
    }

    f.time.advance(Duration.ofHours(8).plusMinutes(1));
    try (Response idle = get("/portal/account", after)) {
      assertThat(idle.code()).isEqualTo(303);
    }
  }

  @Test
  void theAdminApiKeepsAnEventLogWithoutSecrets() throws Exception {
    try (TestDevice device = f.device()) {
      assertThat(device.register(f.token).reply().isAccepted()).isTrue();
      f.server.admin().addLicenses("lab", LicenseGrant.perpetual(EntitlementTag.parse("X_Y"), 2));
      try (Response removed = adminCall("DELETE", "/admin/instances/" + device.instanceId)) {
        assertThat(removed.code()).isEqualTo(200);
      }

      JsonNode events = admin("GET", "/admin/events");
      assertThat(events)
          .extracting(e -> e.path("text").asText())
          .containsSubsequence(
              "created smart account acme",
              "created virtual account lab in acme",
              "created a token in lab for 100 uses",
              "register [" + device.udi + "]: accepted",
              "added 2 X_Y to lab",
              "removed product instance " + device.instanceId);
      assertThat(events.get(0).path("kind").asText()).isEqualTo("admin");
      assertThat(events.get(0).path("at").asText()).isEqualTo(Fixture.START.toString());
      assertThat(events.toString()).doesNotContain(f.token.substring(8));
    }
  }

  private JsonNode admin(String method, String path) throws IOException {
    try (Response r = adminCall(method, path)) {
      assertThat(r.code()).as(method + " " + path).isEqualTo(200);
      return MAPPER.readTree(r.body().string());
    }
  }

  private Response adminCall(String method, String path) throws IOException {
    return client
        .newCall(
            new Request.Builder()
                .url(url(path))
                .header("Authorization", "Bearer " + f.server.adminToken())
                .method(method, null)
                .build())
        .execute();
  }

  private Response get(String path, String session) throws IOException {
    Request.Builder b = new Request.Builder().url(url(path));
    if (!session.isEmpty()) {
      b.header("Cookie", "osa_portal=" + session);
    }
    return client.newCall(b.build()).execute();
  }

  private Response post(String path, String session, RequestBody body) throws IOException {
    return client
        .newCall(
            new Request.Builder()
                .url(url(path))
                .header("Cookie", "osa_portal=" + session)
                .post(body)
                .build())
        .execute();
  }

  private String url(String path) {
    return f.server.baseUrl() + path;
  }

  private static String cookie(Response r) {
    String header = r.header("Set-Cookie");
    assertThat(header).startsWith("osa_portal=");
    return header.substring("osa_portal=".length(), header.indexOf(';'));
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
