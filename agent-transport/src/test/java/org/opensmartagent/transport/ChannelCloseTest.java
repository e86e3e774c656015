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
   * OkHttp's JVM-wide TaskRunner keeps its threads for up to a minute after any client; they belong
   * to no channel, so they are not counted. While one runs a task it carries the task's name (e.g.
   * "OkHttp ConnectionPool connection closer", run right after close()), so it is told by its
   * stack, not by its name.
   */
  private static List<String> okHttpThreads() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().isAlive() && !isTaskRunner(e.getValue()))
        .map(e -> e.getKey().getName())
        .filter(name -> name.startsWith("OkHttp") && !name.equals("OkHttp TaskRunner"))
        .toList();
  }

  static boolean isTaskRunner(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().startsWith("okhttp3.internal.concurrent.TaskRunner")) {
        return true;
      }
    }
    return false;
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
