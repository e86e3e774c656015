package org.opensmartagent.testkit.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okio.ByteString;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.testkit.internal.FaultPlan;
import org.opensmartagent.testkit.internal.HttpAnswer;
import org.opensmartagent.testkit.internal.LicenseService;
import org.opensmartagent.testkit.internal.Persistence;
import org.opensmartagent.testkit.internal.ServerClock;
import org.opensmartagent.testkit.internal.ServerPki;
import org.opensmartagent.testkit.internal.ServerState;

/**
 * Fuzzes the mock server's admin API in-process. An input is {@code METHOD path} on its first line
 * and the JSON body after it. Every answer must be a 2xx or a 4xx with an {@code error} that says
 * something; nothing may escape as an exception (that would be a 500 with no explanation).
 */
class AdminRoutesFuzzTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final String TOKEN = "fuzz-admin-token-0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ServerPki PKI =
      ServerPki.create(LicensingEnvironment.PRODUCTION, NOW, RANDOM);

  private final AdminRoutes routes = routes();

  private static AdminRoutes routes() {
    FaultPlan faults = new FaultPlan();
    ServerState state = new ServerState();
    ServerClock clock = new ServerClock(Clock.fixed(NOW, ZoneOffset.UTC), faults);
    LicenseService service = new LicenseService(state, PKI, clock, RANDOM, 100, Persistence.MEMORY);
    // Something to find: an account, a virtual account with a token and a license.
    service.createSmartAccount("acme");
    service.createVirtualAccount("acme", "lab");
    return new AdminRoutes(service, faults, TOKEN);
  }

  @FuzzTest(maxDuration = "30s")
  void adminRequest(byte[] data) {
    int newline = indexOf(data, (byte) '\n');
    String line = new String(data, 0, newline < 0 ? data.length : newline, StandardCharsets.UTF_8);
    byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(data, newline + 1, data.length);
    int space = line.indexOf(' ');
    if (space < 0) {
      return;
    }
    String method = line.substring(0, space);
    HttpUrl url = HttpUrl.parse("http://localhost/admin/" + line.substring(space + 1));
    if (url == null || !url.encodedPath().startsWith("/admin/")) {
      return; // the dispatcher sends only /admin/... here
    }
    RecordedRequest request =
        new RecordedRequest(
            0,
            0,
            null,
            List.of(),
            method,
            url.encodedPath(),
            "HTTP/1.1",
            url,
            Headers.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN),
            ByteString.of(body),
            body.length,
            List.of(),
            null);
    HttpAnswer answer = routes.apply(request);
    assertThat(answer.status()).isBetween(200, 499);
    String text = new String(answer.body(), StandardCharsets.UTF_8);
    if (answer.status() >= 400) {
      assertThat(text).matches("(?s).*\"error\"\\s*:\\s*\"[^\"]+.*");
    }
  }

  private static int indexOf(byte[] data, byte b) {
    for (int i = 0; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
