package org.opensmartagent.testkit.sim;

import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;

/**
 * The device's network: the world's shared HTTP channel, or nothing at all during an outage.
 * Closing it (the agent does at power-off) leaves the shared channel open.
 */
final class SimChannel implements MessageChannel {
  private final MessageChannel delegate;
  private final Life.Network network;

  SimChannel(MessageChannel delegate, Life.Network network) {
    this.delegate = delegate;
    this.network = network;
  }

  @Override
  public SignedMessage exchange(SignedMessage request) throws TransportException {
    network.exchanges++;
    if (network.down) {
      throw new TransportException(
          TransportException.Kind.CONNECTION, "Network is unreachable (simulated outage)");
    }
    try {
      return delegate.exchange(request);
    } finally {
      if (network.slowAnswers > 0 && --network.slowAnswers == 0) {
        network.endSlow.run();
      }
    }
  }

  @Override
  public String description() {
    return delegate.description();
  }

  @Override
  public void close() {
    // the world's channel outlives the agent
  }
}
