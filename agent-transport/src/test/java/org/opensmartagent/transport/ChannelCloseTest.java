package org.opensmartagent.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.transport.internal.xml.CallHomeEnvelopeCodec;

class ChannelCloseTest {

  /**
   * OkHttp's JVM-wide TaskRunner keeps one idle thread named exactly "OkHttp TaskRunner" for up to
   * a minute after any client; it belongs to no channel, so it is not counted.
   */
  private static List<String> okHttpThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("OkHttp") && !name.equals("OkHttp TaskRunner"))
        .toList();
  }

  @Test
  void closeLeavesNoOkHttpThreadsRunning() throws Exception {
    List<String> before = okHttpThreads();
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      byte[] answer =
          new CallHomeEnvelopeCodec(server.url("/").uri(), TestMessages.CLOCK)
              .encode(TestMessages.answer(MessageType.AUTHORIZE_RESPONSE));
      server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(answer)).build());
      MessageChannel channel =
          Transports.channel(
              ChannelRoundTripTest.settings(
                  TransportKind.TRANSPORT_GATEWAY, server.url("/gw").toString()));

      channel.exchange(TestMessages.request(MessageType.AUTHORIZE_REQUEST));
      channel.close();
    }

    assertThat(okHttpThreads()).hasSameSizeAs(before);
  }
}
