package org.opensmartagent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.core.transport.TransportException.Kind;

/** How HTTP statuses, oversize bodies, timeouts and refused connections surface. */
class ChannelFailureTest {
  private final MockWebServer server = new MockWebServer();
  private MessageChannel channel;

  @BeforeEach
  void start() throws Exception {
    server.start();
    channel = Transports.channel(smartOverHttp(new TransportSettings.Builder()));
  }

  @AfterEach
  void stop() {
    channel.close();
    server.close();
  }

  private TransportSettings smartOverHttp(TransportSettings.Builder builder) {
    return builder
        .kind(TransportKind.TRANSPORT_GATEWAY)
        .url(server.url("/Transportgateway/services/DeviceRequestHandler").toString())
        .clock(TestMessages.CLOCK)
        .build();
  }

  @Test
  void serviceUnavailableWithRetryAfterIsTryAgainLater() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "120").build());

    assertFailure(Kind.TRY_AGAIN_LATER)
        .satisfies(
            e ->
                assertThat(((TransportException) e).retryAfter())
                    .contains(Duration.ofSeconds(120)));
  }

  @Test
  void tooManyRequestsWithoutRetryAfterIsTryAgainLaterWithoutDelay() {
    server.enqueue(new MockResponse.Builder().code(429).build());

    assertFailure(Kind.TRY_AGAIN_LATER)
        .satisfies(
            e -> assertThat(((TransportException) e).retryAfter()).isEqualTo(Optional.empty()));
  }

  @Test
  void tryAgainLaterEnvelopeIsTryAgainLater() {
    byte[] envelope =
        new org.opensmartagent.transport.internal.xml.CallHomeEnvelopeCodec(
                server.url("/").uri(), TestMessages.CLOCK)
            .encode(TestMessages.answer(MessageType.TRY_AGAIN_LATER));
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Retry-After", "30")
            .body(new okio.Buffer().write(envelope))
            .build());

    assertFailure(Kind.TRY_AGAIN_LATER)
        .satisfies(
            e ->
                assertThat(((TransportException) e).retryAfter()).contains(Duration.ofSeconds(30)));
  }

  @Test
  void internalServerErrorIsServerError() {
    server.enqueue(new MockResponse.Builder().code(500).body("boom").build());

    assertFailure(Kind.SERVER_ERROR).hasMessageContaining("answered HTTP 500");
  }

  @Test
  void clientErrorIsServerErrorWithASanitizedExcerpt() {
    server.enqueue(
        new MockResponse.Builder().code(404).body("no such\r\nservice\u0000here").build());

    assertFailure(Kind.SERVER_ERROR)
        .hasMessageContaining("answered HTTP 404: \"no such service here\"");
  }

  @Test
  void bodyOverTheCapIsMalformed() {
    channel.close();
    channel =
        Transports.channel(smartOverHttp(new TransportSettings.Builder().maxResponseBytes(1024)));
    server.enqueue(new MockResponse.Builder().body("x".repeat(1025)).build());

    assertFailure(Kind.MALFORMED_RESPONSE).hasMessageContaining("larger than the 1 KiB allowed");
  }

  @Test
  void defaultCapIsOneMebibyte() {
    server.enqueue(new MockResponse.Builder().body("x".repeat(1024 * 1024 + 1)).build());

    assertFailure(Kind.MALFORMED_RESPONSE).hasMessageContaining("larger than the 1 MiB allowed");
  }

  @Test
  void malformedBodyIsMalformed() {
    server.enqueue(new MockResponse.Builder().body("<html>oops</html>").build());

    assertFailure(Kind.MALFORMED_RESPONSE).hasMessageContaining("not a SOAP 1.2 Envelope");
  }

  @Test
  void serverThatNeverAnswersIsTimeout() {
    channel.close();
    channel =
        Transports.channel(
            smartOverHttp(new TransportSettings.Builder().readTimeout(Duration.ofMillis(200))));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertFailure(Kind.TIMEOUT).hasMessageContaining("read timeout 200 ms");
  }

  @Test
  void aServerThatHoldsItsAnswerMeetsTheTotalDeadlineLongBeforeTheReadTimeout() {
    channel.close();
    channel =
        Transports.channel(
            smartOverHttp(new TransportSettings.Builder().callTimeout(Duration.ofMillis(500))));
    // the read timeout (30 s) is far away; only the total deadline ends the call
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    long start = System.nanoTime();

    assertFailure(Kind.TIMEOUT).hasMessageContaining("total deadline at most 500 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void theAgentsDeadlineForOneExchangeBoundsItToo() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                channel.exchange(
                    TestMessages.request(MessageType.AUTHORIZE_REQUEST), Duration.ofMillis(400)))
        .isInstanceOfSatisfying(
            TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void closedServerIsConnectionFailure() {
    String url = server.url("/Transportgateway/services/DeviceRequestHandler").toString();
    server.close();

    assertFailure(Kind.CONNECTION).hasMessageContaining("Cannot connect to " + url);
  }

  @Test
  void exchangeAfterCloseIsMisuse() {
    channel.close();

    assertThatThrownBy(() -> channel.exchange(TestMessages.request(MessageType.AUTHORIZE_REQUEST)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFailure(Kind kind) {
    return assertThatThrownBy(
            () -> channel.exchange(TestMessages.request(MessageType.AUTHORIZE_REQUEST)))
        .isInstanceOfSatisfying(
            TransportException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
