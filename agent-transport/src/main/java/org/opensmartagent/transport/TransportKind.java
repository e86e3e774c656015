package org.opensmartagent.transport;

import java.net.URI;
import java.util.Optional;

/**
 * How the agent reaches the license server. {@link #DIRECT} and {@link #TRANSPORT_GATEWAY} speak
 * the Call Home SOAP/AML envelope; {@link #SMART_TRANSPORT} speaks JSON and requires https.
 */
public enum TransportKind {
  /** Call Home envelope straight to the cloud (the default). */
  DIRECT("Direct (Call Home)", "https://tools.cisco.com/its/service/oddce/services/DDCEService"),
  /** Call Home envelope to a transport gateway or on-premises server; no default URL. */
  TRANSPORT_GATEWAY("Transport Gateway", ""),
  /** JSON envelope over https to a Smart Transport receiver. */
  SMART_TRANSPORT("Smart Transport", "https://smartreceiver.cisco.com/licservice/license");

  private final String label;
  private final String defaultUrl;

  TransportKind(String label, String defaultUrl) {
    this.label = label;
    this.defaultUrl = defaultUrl;
  }

  /** A human name, as STATUS prints it. */
  public String label() {
    return label;
  }

  /** The URL used when none is configured; empty for {@link #TRANSPORT_GATEWAY}. */
  public Optional<URI> defaultUrl() {
    return defaultUrl.isEmpty() ? Optional.empty() : Optional.of(URI.create(defaultUrl));
  }

  /** True when this kind accepts only https URLs, whatever the FIPS setting. */
  public boolean requiresHttps() {
    return this == SMART_TRANSPORT;
  }
}
