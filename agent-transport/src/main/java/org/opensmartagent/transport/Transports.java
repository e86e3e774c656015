package org.opensmartagent.transport;

import java.util.Objects;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.transport.internal.EnvelopeCodec;
import org.opensmartagent.transport.internal.HttpMessageChannel;
import org.opensmartagent.transport.internal.json.JsonEnvelopeCodec;
import org.opensmartagent.transport.internal.xml.CallHomeEnvelopeCodec;

/** Creates the {@link MessageChannel} for a {@link TransportSettings}. Stateless. */
public final class Transports {
  private Transports() {}

  /**
   * A thread-safe channel over HTTP(S) for {@code settings}: the Call Home SOAP envelope for {@link
   * TransportKind#DIRECT} and {@link TransportKind#TRANSPORT_GATEWAY}, JSON for {@link
   * TransportKind#SMART_TRANSPORT}. Close it to release its connections and threads.
   */
  public static MessageChannel channel(TransportSettings settings) {
    Objects.requireNonNull(settings, "settings == null");
    return new HttpMessageChannel(settings, codec(settings));
  }

  private static EnvelopeCodec codec(TransportSettings settings) {
    return switch (settings.kind()) {
      case DIRECT, TRANSPORT_GATEWAY -> new CallHomeEnvelopeCodec(settings.url(), settings.clock());
      case SMART_TRANSPORT -> new JsonEnvelopeCodec();
    };
  }
}
