package org.opensmartagent.testkit.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.opensmartagent.core.protocol.ProtocolCodec;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.transport.internal.EnvelopeCodec;
import org.opensmartagent.transport.internal.json.JsonEnvelopeCodec;
import org.opensmartagent.transport.internal.xml.CallHomeEnvelopeCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each HTTP request: the Call Home and Smart Transport endpoints to the {@link
 * ProtocolHandler} (after any injected fault), {@code /admin/} to the admin API. Runs on
 * MockWebServer's connection threads; thread-safe. Logs the method, path and status only, never
 * bodies, tokens or keys.
 */
public final class LicensingDispatcher extends Dispatcher {
  public static final String CALL_HOME_PATH = "/its/service/oddce/services/DDCEService";
  public static final String GATEWAY_PATH = "/Transportgateway/services/DeviceRequestHandler";
  public static final String SMART_TRANSPORT_PATH = "/licservice/license";
  public static final String ON_PREM_SMART_TRANSPORT_PATH = "/SmartTransport";

  private static final Logger log = LoggerFactory.getLogger(LicensingDispatcher.class);
  private static final Map<String, Boolean> ENDPOINTS_CALL_HOME =
      Map.of(
          CALL_HOME_PATH, true,
          GATEWAY_PATH, true,
          SMART_TRANSPORT_PATH, false,
          ON_PREM_SMART_TRANSPORT_PATH, false);

  private final ProtocolHandler handler;
  private final ServerClock clock;
  private final FaultPlan faults;
  private final Function<RecordedRequest, HttpAnswer> admin;

  public LicensingDispatcher(
      ProtocolHandler handler,
      ServerClock clock,
      FaultPlan faults,
      Function<RecordedRequest, HttpAnswer> admin) {
    this.handler = Objects.requireNonNull(handler, "handler == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.faults = Objects.requireNonNull(faults, "faults == null");
    this.admin = Objects.requireNonNull(admin, "admin == null");
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    MockResponse response;
    try {
      response = route(request, path);
    } catch (RuntimeException e) {
      log.error("{} {} failed", request.getMethod(), path, e);
      response = http(HttpAnswer.text(500, "the mock license server failed: " + e));
    }
    log.debug("{} {} -> {}", request.getMethod(), path, response.getCode());
    return response;
  }

  private MockResponse route(RecordedRequest request, String path) {
    if (path.startsWith("/admin/")) {
      return http(admin.apply(request));
    }
    Boolean callHome = ENDPOINTS_CALL_HOME.get(path);
    if (callHome == null) {
      return http(
          HttpAnswer.text(
              404,
              "no endpoint at "
                  + path
                  + "; licensing endpoints are "
                  + String.join(", ", ENDPOINTS_CALL_HOME.keySet())
                  + " and the admin API is under /admin/"));
    }
    if (!"POST".equals(request.getMethod())) {
      return http(HttpAnswer.text(405, "licensing endpoints accept POST only"));
    }
    return licensing(request, codec(callHome, request));
  }

  private EnvelopeCodec codec(boolean callHome, RecordedRequest request) {
    if (!callHome) {
      return new JsonEnvelopeCodec();
    }
    Clock at = Clock.fixed(clock.now(), ZoneOffset.UTC);
    return new CallHomeEnvelopeCodec(URI.create(request.getUrl().toString()), at);
  }

  private MockResponse licensing(RecordedRequest request, EnvelopeCodec codec) {
    Optional<FaultPlan.Fault> fault = faults.next();
    MockResponse.Builder builder =
        fault.isPresent() ? faulty(fault.get(), codec) : answer(request, codec);
    Duration latency = faults.latency();
    if (!latency.isZero()) {
      builder.headersDelay(latency.toMillis(), TimeUnit.MILLISECONDS);
    }
    return builder.build();
  }

  private MockResponse.Builder answer(RecordedRequest request, EnvelopeCodec codec) {
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    try {
      SignedMessage answer = handler.handle(codec.decode(body));
      return envelope(codec, answer);
    } catch (TransportException e) {
      return builder(
          HttpAnswer.text(400, "the request envelope cannot be read: " + e.getMessage()));
    } catch (BadRequestException e) {
      return builder(HttpAnswer.text(400, e.getMessage()));
    }
  }

  private MockResponse.Builder faulty(FaultPlan.Fault fault, EnvelopeCodec codec) {
    return switch (fault.kind()) {
      case STATUS -> retryAfter(builder(HttpAnswer.text(fault.status(), "injected fault")), fault);
      case DROP ->
          new MockResponse.Builder()
              .setHeader("Content-Type", codec.contentType())
              .body("the connection is closed before this body is sent")
              .onResponseBody(new SocketEffect.CloseSocket());
      case MALFORMED ->
          new MockResponse.Builder()
              .setHeader("Content-Type", codec.contentType())
              .body("this is not a licensing envelope");
      case TRY_AGAIN_LATER -> retryAfter(envelope(codec, tryAgainLater(fault)), fault);
    };
  }

  private SignedMessage tryAgainLater(FaultPlan.Fault fault) {
    byte[] payload =
        ProtocolCodec.encodeTryAgainLater(
            fault.retryAfter(), "the mock license server is busy; try again later");
    return handler.sign(MessageType.TRY_AGAIN_LATER, payload);
  }

  private static MockResponse.Builder retryAfter(MockResponse.Builder b, FaultPlan.Fault fault) {
    fault.retryAfter().ifPresent(d -> b.setHeader("Retry-After", Long.toString(d.toSeconds())));
    return b;
  }

  private static MockResponse.Builder envelope(EnvelopeCodec codec, SignedMessage message) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", codec.contentType())
        .body(new Buffer().write(codec.encode(message)));
  }

  private static MockResponse http(HttpAnswer answer) {
    return builder(answer).build();
  }

  private static MockResponse.Builder builder(HttpAnswer answer) {
    return new MockResponse.Builder()
        .code(answer.status())
        .setHeader("Content-Type", answer.contentType())
        .body(new Buffer().write(answer.body()));
  }
}
