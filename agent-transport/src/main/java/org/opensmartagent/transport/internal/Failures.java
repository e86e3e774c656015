package org.opensmartagent.transport.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.core.transport.TransportException.Kind;
import org.opensmartagent.transport.ProxySettings;
import org.opensmartagent.transport.TransportSettings;

/**
 * Turns OkHttp's I/O failures into {@link TransportException}s whose messages name the URL and
 * proxy address, never credentials, and say what to check. Immutable and thread-safe.
 */
final class Failures {
  private final TransportSettings settings;

  Failures(TransportSettings settings) {
    this.settings = settings;
  }

  TransportException of(IOException e) {
    String url = settings.url().toString();
    if (e instanceof InterruptedIOException) {
      return new TransportException(
          Kind.TIMEOUT,
          "No answer from "
              + url
              + " in time (connect timeout "
              + seconds(settings.connectTimeout().toMillis())
              + ", read timeout "
              + seconds(settings.readTimeout().toMillis())
              + ", total deadline at most "
              + seconds(settings.callTimeout().toMillis())
              + "); check the network path or raise the timeouts",
          e);
    }
    String proxyProblem = proxyProblem(e);
    if (!proxyProblem.isEmpty()) {
      return new TransportException(Kind.CONNECTION, proxyProblem, e);
    }
    return new TransportException(Kind.CONNECTION, connectionProblem(url, e), e);
  }

  /** The message for a 407 that reached us: the proxy refused or wanted credentials. */
  String proxyAuthenticationRefused() {
    ProxySettings proxy = settings.proxy().orElseThrow();
    if (proxy.username().isPresent()) {
      return "Proxy "
          + proxy.address()
          + " refused the credentials (407); check the proxy username and password";
    }
    return "Proxy "
        + proxy.address()
        + " requires authentication (407); configure the proxy username and password";
  }

  private String proxyProblem(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (settings.proxy().isEmpty()) {
      return "";
    }
    if (message.contains("Failed to authenticate with proxy")) {
      return proxyAuthenticationRefused();
    }
    if (message.startsWith("Unexpected response code for CONNECT")) {
      return "Proxy "
          + settings.proxy().get().address()
          + " refused to open a tunnel (CONNECT) to "
          + settings.url()
          + " ("
          + message
          + "); check that the proxy allows https to this host";
    }
    return "";
  }

  private static String connectionProblem(String url, IOException e) {
    if (e instanceof UnknownHostException) {
      return "Cannot resolve the host of " + url + "; check the URL and the DNS settings";
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return "Cannot connect to "
          + url
          + " ("
          + e.getMessage()
          + "); check that the server is up and the host, port and proxy are right";
    }
    if (e instanceof SSLPeerUnverifiedException) {
      return "The server at "
          + url
          + " presented a certificate for another host name ("
          + e.getMessage()
          + "); use the name in its certificate, or turn the server identity check off for a"
          + " lab server";
    }
    if (e instanceof SSLHandshakeException || e instanceof SSLException) {
      return "TLS handshake with "
          + url
          + " failed ("
          + e.getMessage()
          + "); check that the server's CA is in the trust store";
    }
    return "Connection to "
        + url
        + " failed ("
        + e.getClass().getSimpleName()
        + ": "
        + e.getMessage()
        + "); check the network and the server";
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
