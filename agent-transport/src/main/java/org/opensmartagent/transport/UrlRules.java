package org.opensmartagent.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/** Checks on URLs and timeouts shared by the settings builder. Stateless. */
final class UrlRules {
  private UrlRules() {}

  static URI parse(String url) {
    try {
      return check(new URI(url));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "url is not a valid URL: " + e.getMessage() + "; e.g. https://host/SmartTransport", e);
    }
  }

  static URI check(URI url) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("url must start with http:// or https://; got " + url);
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("url has no host name; got " + url);
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "url must not carry credentials; give proxy credentials with ProxySettings instead");
    }
    return url;
  }

  static void checkScheme(TransportKind kind, boolean fipsMode, URI url) {
    boolean https = url.getScheme().equalsIgnoreCase("https");
    if (fipsMode && !https) {
      throw new IllegalArgumentException(
          "FIPS mode accepts only https URLs; got " + url + "; use https or turn FIPS mode off");
    }
    if (kind.requiresHttps() && !https) {
      throw new IllegalArgumentException(
          kind.label() + " requires https; got " + url + "; use an https URL");
    }
  }

  static Duration checkTimeout(Duration timeout, String name) {
    Objects.requireNonNull(timeout, name + " == null");
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          name + " must be positive and at most one day; got " + timeout);
    }
    return timeout;
  }
}
