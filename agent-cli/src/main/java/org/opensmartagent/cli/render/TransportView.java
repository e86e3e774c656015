package org.opensmartagent.cli.render;

import java.util.Optional;
import org.opensmartagent.cli.config.TransportConfig;
import org.opensmartagent.transport.TransportKind;

/** The transport as screens show it: never the proxy password. */
public record TransportView(
    String type, String url, Optional<String> proxy, boolean identityCheck, TransportKind kind) {
  public static TransportView of(TransportConfig t) {
    return new TransportView(
        t.kind().label(),
        t.effectiveUrl(),
        t.proxy().map(TransportConfig.Proxy::toString),
        t.serverIdentityCheck(),
        t.kind());
  }

  /**
   * The current layout's {@code Transport Settings}: {@code Direct} to the cloud (Call Home or
   * Smart Transport) or {@code Transport Gateway}, as the appliance's URL menu names them.
   */
  public String settings() {
    return kind == TransportKind.TRANSPORT_GATEWAY ? "Transport Gateway" : "Direct";
  }

  /** The classic layout's {@code Transport: Type:} as the agent names it. */
  public String agentType() {
    return switch (kind) {
      case DIRECT -> "Callhome";
      case TRANSPORT_GATEWAY -> "Transport Gateway";
      case SMART_TRANSPORT -> "Smart";
    };
  }
}
