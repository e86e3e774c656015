package org.opensmartagent.cli.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.opensmartagent.testkit.MockServerDirectory;

/**
 * A client for a running mock license server's admin API ({@code /admin/...}, JSON), found through
 * the files {@code mock-cssm} writes ({@link MockServerDirectory}): an https server is trusted
 * through its TLS CA only, and every request carries the admin token as a bearer header (never
 * printed).
 */
public final class AdminClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI server;
  private final HttpClient http;
  private final String bearer;

  /** Where a refusal or failure came from, so the shell can pick the exit code. */
  public static final class AdminException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    AdminException(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status, or 0 when the server could not be reached. */
    public int status() {
      return status;
    }
  }

  public AdminClient(MockServerDirectory.Contents found) {
    this(found.baseUrl(), found.tlsCaPem(), found.adminToken());
  }

  AdminClient(URI server, Optional<Path> tlsCa, String adminToken) {
    this.server = server;
    this.bearer = "Bearer " + adminToken;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    tlsCa.ifPresent(ca -> b.sslContext(trusting(ca)));
    this.http = b.build();
  }

  public JsonNode get(String path) {
    return send(HttpRequest.newBuilder(server.resolve(path)).GET());
  }

  public JsonNode delete(String path) {
    return send(HttpRequest.newBuilder(server.resolve(path)).DELETE());
  }

  public JsonNode post(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(server.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private JsonNode send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          http.send(
              request.timeout(Duration.ofSeconds(30)).header("Authorization", bearer).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = r.body().isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(r.body());
      if (r.statusCode() >= 300) {
        throw new AdminException(
            r.statusCode(), body.path("error").asText("HTTP " + r.statusCode()));
      }
      return body;
    } catch (IOException e) {
      throw new AdminException(
          0,
          "the mock license server at "
              + server
              + " could not be reached ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "); is it running? Start it with license_smart mock-cssm --out-dir DIR");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminException(0, "interrupted while talking to " + server);
    }
  }

  private static SSLContext trusting(Path caPem) {
    try (InputStream in = Files.newInputStream(caPem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot use the TLS CA " + caPem + ": " + e.getMessage(), e);
    }
  }
}
