package org.opensmartagent.core.internal.wire;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.opensmartagent.core.internal.Durations;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;

/**
 * Holds any {@link MessageChannel} to the agent's deadline, also one written for the firmware that
 * ignores it: the exchange runs on one of a few daemon threads, and the caller gives up at the
 * deadline (plus {@link #MARGIN}, so that a channel that does bound its calls reports its own
 * timeout first) with a {@link TransportException.Kind#TIMEOUT}. The caller then returns, so the
 * agent's operation lock is released and its loop goes on; the abandoned call is interrupted and
 * left to end on its own thread. At most {@link #MAX_CALLS} calls run at once: when that many are
 * stuck in the channel, a new exchange fails at once rather than start another thread.
 *
 * <p>Thread-safe. {@link #close()} closes the channel and stops the threads.
 */
public final class BoundedChannel implements MessageChannel {
  /** How long after the deadline the caller still waits for the channel's own answer or timeout. */
  public static final Duration MARGIN = Duration.ofSeconds(5);

  /**
   * Calls that may be in the channel at once (the agent makes one at a time; the rest are stuck).
   */
  static final int MAX_CALLS = 4;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final MessageChannel channel;
  private final Duration limit;
  private final ThreadPoolExecutor calls;

  /** Bounds {@code channel} to the deadline each exchange is given. */
  public BoundedChannel(MessageChannel channel) {
    this(channel, Duration.ofSeconds(Long.MAX_VALUE));
  }

  /** Bounds {@code channel} to the deadline given, and never beyond {@code limit} (tests). */
  public BoundedChannel(MessageChannel channel, Duration limit) {
    this.channel = channel;
    this.limit = limit;
    this.calls =
        new ThreadPoolExecutor(
            0,
            MAX_CALLS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "smart-agent-exchange-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public SignedMessage exchange(SignedMessage request) throws TransportException {
    return exchange(request, SignedTransport.DEADLINE);
  }

  @Override
  public SignedMessage exchange(SignedMessage request, Duration deadline)
      throws TransportException {
    Duration wait = deadline.plus(MARGIN);
    if (limit.compareTo(wait) < 0) {
      wait = limit;
    }
    Future<SignedMessage> call;
    try {
      call = calls.submit(() -> channel.exchange(request, deadline));
    } catch (RejectedExecutionException e) {
      throw new TransportException(
          TransportException.Kind.TIMEOUT,
          "The message channel ("
              + channel.description()
              + ") has "
              + MAX_CALLS
              + " exchanges that never returned, past their deadline; it ignores the agent's"
              + " deadline. Fix the channel so that exchange(request, deadline) gives up at the"
              + " deadline",
          e);
    }
    try {
      return call.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new TransportException(
          TransportException.Kind.TIMEOUT,
          "No answer from the license server within "
              + Durations.format(wait)
              + ", the total deadline of one exchange; the message channel ("
              + channel.description()
              + ") did not end the call itself, so the agent gave up on it",
          e);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransportException(
          TransportException.Kind.TIMEOUT, "Interrupted while waiting for the license server", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TransportException t) {
        throw t;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public String description() {
    return channel.description();
  }

  @Override
  public void close() {
    calls.shutdownNow();
    channel.close();
  }
}
