package org.opensmartagent.transport.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a proxy's 407 with {@code Proxy-Authorization: Basic …} once; if the proxy refuses those
 * credentials too it gives up, so OkHttp reports the 407. Thread-safe.
 */
final class ProxyBasicAuthenticator implements Authenticator {
  private final String credentials;

  ProxyBasicAuthenticator(String username, String password) {
    Objects.requireNonNull(username, "username == null");
    Objects.requireNonNull(password, "password == null");
    this.credentials = Credentials.basic(username, password, StandardCharsets.UTF_8);
  }

  @Override
  public Request authenticate(Route route, Response response) {
    if (response.code() != 407 || response.request().header("Proxy-Authorization") != null) {
      return null;
    }
    return response.request().newBuilder().header("Proxy-Authorization", credentials).build();
  }

  @Override
  public String toString() {
    return "ProxyBasicAuthenticator{credentials=<hidden>}";
  }
}
