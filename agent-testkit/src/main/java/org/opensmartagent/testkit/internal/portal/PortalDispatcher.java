package org.opensmartagent.testkit.internal.portal;

import java.util.Objects;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * Sends requests for {@link Portal#PATH} and below to the portal, and everything else to the
 * server's own dispatcher. Thread-safe.
 */
public final class PortalDispatcher extends Dispatcher {
  private final Portal portal;
  private final Dispatcher next;

  public PortalDispatcher(Portal portal, Dispatcher next) {
    this.portal = Objects.requireNonNull(portal, "portal == null");
    this.next = Objects.requireNonNull(next, "next == null");
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    String path = request.getUrl().encodedPath();
    if (!path.equals(Portal.PATH) && !path.startsWith(Portal.PATH + "/")) {
      return next.dispatch(request);
    }
    PortalAnswer answer = portal.handle(request);
    MockResponse.Builder b = new MockResponse.Builder().code(answer.status());
    answer.headers().forEach(b::setHeader);
    return b.body(new Buffer().write(answer.body())).build();
  }

  @Override
  public void close() {
    next.close();
  }
}
