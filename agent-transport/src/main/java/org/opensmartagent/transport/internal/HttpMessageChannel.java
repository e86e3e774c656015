package org.opensmartagent.transport.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.transport.TransportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageChannel} that POSTs each envelope synchronously on the caller's thread with one
 * shared {@link OkHttpClient}. Thread-safe. Logs only message type, URL and status; never payloads,
 * signatures or credentials. After {@link #close()}, {@link #exchange} throws {@link
 * IllegalStateException}.
 */
public final class HttpMessageChannel implements MessageChannel {
  private static final Logger log = LoggerFactory.getLogger(HttpMessageChannel.class);
  private static final long CLOSE_WAIT_MILLIS = 1_000;

  private final TransportSettings settings;
  private final EnvelopeCodec codec;
  private final OkHttpClient client;
  private final Failures failures;
  private final AtomicBoolean closed = new AtomicBoolean();

  public HttpMessageChannel(TransportSettings settings, EnvelopeCodec codec) {
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.codec = Objects.requireNonNull(codec, "codec == null");
    this.client = OkHttpClients.create(settings);
    this.failures = new Failures(settings);
  }

  @Override
  public SignedMessage exchange(SignedMessage request) throws TransportException {
    return exchange(request, settings.callTimeout());
  }

  /** One exchange that gives up once {@code deadline} (or the configured call timeout) passed. */
  @Override
  public SignedMessage exchange(SignedMessage request, java.time.Duration deadline)
      throws TransportException {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(deadline, "deadline == null");
    if (closed.get()) {
      throw new IllegalStateException("this channel is closed; create a new one");
    }
    Request httpRequest =
        new Request.Builder()
            .url(settings.url().toString())
            .post(RequestBody.create(codec.encode(request), MediaType.get(codec.contentType())))
            .build();
    log.debug("{} -> {}", request.type(), settings.url());
    okhttp3.Call call = client.newCall(httpRequest);
    java.time.Duration total =
        deadline.compareTo(settings.callTimeout()) < 0 ? deadline : settings.callTimeout();
    call.timeout().timeout(Math.max(1, total.toMillis()), TimeUnit.MILLISECONDS);
    try (Response response = call.execute()) {
      log.debug("{} <- {} HTTP {}", request.type(), settings.url(), response.code());
      return answer(response);
    } catch (TransportException e) {
      throw e;
    } catch (IOException e) {
      throw failures.of(e);
    }
  }

  private SignedMessage answer(Response response) throws IOException {
    if (response.code() == 407 && settings.proxy().isPresent()) {
      throw new TransportException(
          TransportException.Kind.CONNECTION, failures.proxyAuthenticationRefused());
    }
    ResponseReader.checkStatus(response, settings.url().toString());
    SignedMessage answer =
        codec.decode(ResponseReader.readBody(response, settings.maxResponseBytes()));
    if (answer.type() == MessageType.TRY_AGAIN_LATER) {
      throw TransportException.tryAgainLater(ResponseReader.retryAfter(response));
    }
    return answer;
  }

  @Override
  public String description() {
    return settings.kind().label()
        + " "
        + settings.url()
        + settings.proxy().map(p -> " via proxy " + p.address()).orElse("");
  }

  /** Stops the dispatcher's threads and closes pooled connections; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ExecutorService executor = client.dispatcher().executorService();
    executor.shutdown();
    client.connectionPool().evictAll();
    try {
      executor.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "HttpMessageChannel{" + description() + "}";
  }
}
