package org.opensmartagent.transport.internal;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.opensmartagent.transport.ProxySettings;
import org.opensmartagent.transport.TransportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the one {@link OkHttpClient} a channel uses from its settings. Stateless. */
final class OkHttpClients {
  private static final Logger log = LoggerFactory.getLogger(OkHttpClients.class);

  private OkHttpClients() {}

  static OkHttpClient create(TransportSettings settings) {
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .dispatcher(new Dispatcher())
            .connectionPool(new ConnectionPool())
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .callTimeout(settings.callTimeout())
            .writeTimeout(settings.readTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            .socketFactory(new NoDelaySocketFactory())
            // One request at a time per agent: HTTP/1.1 keep-alive is all it needs, and it
            // leaves no HTTP/2 reader thread behind when the channel closes.
            .protocols(List.of(Protocol.HTTP_1_1));
    settings.proxy().ifPresent(proxy -> configureProxy(builder, proxy));
    if (settings.proxy().isEmpty()) {
      builder.proxy(Proxy.NO_PROXY);
    }
    if (!settings.trustedCertificates().isEmpty()) {
      configureTrust(builder, settings);
    }
    if (!settings.serverIdentityCheck()) {
      log.warn(
          "server identity check is disabled for {}; any host name is accepted", settings.url());
      builder.hostnameVerifier((host, session) -> true);
    }
    if (settings.fipsMode()) {
      builder.connectionSpecs(List.of(ConnectionSpec.RESTRICTED_TLS, ConnectionSpec.MODERN_TLS));
    }
    return builder.build();
  }

  private static void configureProxy(OkHttpClient.Builder builder, ProxySettings proxy) {
    builder.proxy(
        new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
    if (proxy.username().isPresent() && proxy.password().isPresent()) {
      builder.proxyAuthenticator(
          new ProxyBasicAuthenticator(proxy.username().get(), proxy.password().get()));
    }
  }

  private static void configureTrust(OkHttpClient.Builder builder, TransportSettings settings) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(Certificates.keyStoreOf(settings.trustedCertificates()));
      X509TrustManager trustManager = x509(factory.getTrustManagers());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      builder.sslSocketFactory(context.getSocketFactory(), trustManager);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot build a TLS trust manager from the configured certificates: " + e, e);
    }
  }

  private static X509TrustManager x509(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("the JDK offers no X509TrustManager");
  }
}
