package org.opensmartagent.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;

/** Calls a mock server's admin HTTP API over https, trusting only its TLS CA. */
final class AdminClient implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final MockLicenseServer server;
  private final OkHttpClient client;

  AdminClient(MockLicenseServer server) {
    this.server = server;
    HandshakeCertificates trust =
        new HandshakeCertificates.Builder()
            .addTrustedCertificate(Certificates.decodeCertificatePem(server.tlsCaCertificatePem()))
            .build();
    client =
        new OkHttpClient.Builder()
            .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("Authorization", "Bearer " + server.adminToken())
                            .build()))
            .build();
  }

  /** An HTTP status and its JSON body. */
  record Answer(int code, JsonNode json) {
    String error() {
      return json.path("error").asText();
    }
  }

  Answer post(String path, String body) throws IOException {
    RequestBody json = RequestBody.create(body, MediaType.get("application/json"));
    return send(new Request.Builder().url(url(path)).post(json).build());
  }

  Answer post(String path, JsonNode body) throws IOException {
    return post(path, MAPPER.writeValueAsString(body));
  }

  Answer get(String path) throws IOException {
    return send(new Request.Builder().url(url(path)).build());
  }

  static com.fasterxml.jackson.databind.node.ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  private HttpUrl url(String path) {
    return HttpUrl.get(server.baseUrl().resolve(path).toString());
  }

  private Answer send(Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return new Answer(response.code(), MAPPER.readTree(response.body().string()));
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
