package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.core.transport.TransportException.Kind;
import org.opensmartagent.transport.TransportKind;

class FaultsTest {
  private static final EntitlementRequest ONE =
      EntitlementRequest.one(EntitlementTag.parse("ESA_Anti_Malware"));

  private Fixture fixture;
  private TestDevice device;

  @BeforeEach
  void start() throws Exception {
    fixture = new Fixture();
    device = fixture.device(TransportKind.TRANSPORT_GATEWAY);
    device.register(fixture.token);
  }

  @AfterEach
  void stop() {
    device.close();
    fixture.close();
  }

  @Test
  void faultCountsAreBoundedSoNoRequestCanExhaustTheServer() {
    assertThatThrownBy(() -> fixture.server.faults().dropNext(2_000_000_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..10000");
    fixture.server.faults().dropNext(10_000);
    assertThatThrownBy(() -> fixture.server.faults().dropNext(1))
        .hasMessageContaining("10000 already queued");
    fixture.server.faults().clear();
  }

  @Test
  void serviceUnavailableCarriesRetryAfterThenTheServerAnswersAgain() throws Exception {
    fixture.server.faults().failNext(1, 503, Duration.ofSeconds(120));
    assertThatThrownBy(() -> device.authorize(ONE))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TRY_AGAIN_LATER);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
            });
    assertThat(device.authorize(ONE).reply().isAccepted()).isTrue();
  }

  @Test
  void serverErrorIsAServerError() {
    fixture.server.faults().failNext(1, 500);
    assertThatThrownBy(() -> device.authorize(ONE))
        .isInstanceOfSatisfying(
            TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR));
  }

  @Test
  void droppedConnectionIsAConnectionFailure() {
    fixture.server.faults().dropNext(3);
    assertThatThrownBy(() -> device.authorize(ONE))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.CONNECTION));
  }

  @Test
  void malformedBodyIsAMalformedResponse() {
    fixture.server.faults().malformedNext(1);
    assertThatThrownBy(() -> device.authorize(ONE))
        .isInstanceOfSatisfying(
            TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE));
  }

  @Test
  void tryAgainLaterIsASignedMessageWithItsDelay() {
    fixture.server.faults().tryAgainLaterNext(1, Duration.ofSeconds(30));
    assertThatThrownBy(() -> device.authorize(ONE))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TRY_AGAIN_LATER);
              assertThat(e.retryAfter()).isEqualTo(Optional.of(Duration.ofSeconds(30)));
            });
    assertThat(fixture.server.faults().pending()).isZero();
  }

  @Test
  void clockOffsetMovesTheServersTime() throws Exception {
    fixture.server.faults().clockOffset(Duration.ofHours(-2));
    var answer = device.authorize(ONE);
    assertThat(answer.serverTime()).isEqualTo(Fixture.START.minus(Duration.ofHours(2)));
    fixture.server.faults().clear();
    assertThat(device.authorize(ONE).serverTime()).isEqualTo(Fixture.START);
  }
}
