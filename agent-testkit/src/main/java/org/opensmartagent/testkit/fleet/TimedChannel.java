package org.opensmartagent.testkit.fleet;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;

/**
 * A channel that times every exchange on the wall clock and counts them by request type.
 * Thread-safe.
 */
final class TimedChannel implements MessageChannel {
  private final MessageChannel delegate;
  private final Latencies latencies = new Latencies();
  private final Map<MessageType, LongAdder> counts = new EnumMap<>(MessageType.class);
  private final LongAdder failures = new LongAdder();

  TimedChannel(MessageChannel delegate) {
    this.delegate = delegate;
    for (MessageType t : MessageType.values()) {
      counts.put(t, new LongAdder());
    }
  }

  @Override
  public SignedMessage exchange(SignedMessage request) throws TransportException {
    long start = System.nanoTime();
    try {
      return delegate.exchange(request);
    } catch (TransportException e) {
      failures.increment();
      throw e;
    } finally {
      latencies.add(System.nanoTime() - start);
      counts.get(request.type()).increment();
    }
  }

  long count(MessageType type) {
    return counts.get(type).sum();
  }

  long failures() {
    return failures.sum();
  }

  Latencies latencies() {
    return latencies;
  }

  @Override
  public String description() {
    return delegate.description();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
