package org.opensmartagent.cli.render;

import java.util.Optional;
import org.opensmartagent.cli.config.TransportConfig;

/** The Transport section as screens show it: never the proxy password. */
public record TransportView(
    String type, String url, Optional<String> proxy, boolean identityCheck) {
  public static TransportView of(TransportConfig t) {
    return new TransportView(
        t.kind().label(),
        t.effectiveUrl(),
        t.proxy().map(TransportConfig.Proxy::toString),
        t.serverIdentityCheck());
  }
}
