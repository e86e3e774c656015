package org.opensmartagent.transport.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.core.transport.TransportException.Kind;

/**
 * Maps an HTTP status to a failure and reads a body of bounded size. 503 and 429 mean "try again
 * later" (honouring a {@code Retry-After} in seconds); other statuses outside 2xx are server errors
 * with a short, sanitized body excerpt. Stateless.
 */
final class ResponseReader {
  private static final int EXCERPT_CHARS = 120;

  private ResponseReader() {}

  /** Throws unless the status is 2xx. */
  static void checkStatus(Response response, String url) throws TransportException {
    int code = response.code();
    if (code >= 200 && code < 300) {
      return;
    }
    if (code == 503 || code == 429) {
      throw TransportException.tryAgainLater(retryAfter(response));
    }
    String message = "The license server at " + url + " answered HTTP " + code;
    if (code >= 500) {
      throw new TransportException(Kind.SERVER_ERROR, message + "; the agent will retry");
    }
    if (code >= 300 && code < 400) {
      throw new TransportException(
          Kind.SERVER_ERROR, message + " (a redirect); configure the final URL instead of " + url);
    }
    throw new TransportException(
        Kind.SERVER_ERROR, message + excerpt(response) + "; check the transport URL and kind");
  }

  /** The server's {@code Retry-After} in seconds; HTTP dates and nonsense are ignored. */
  static Optional<Duration> retryAfter(Response response) {
    String value = response.header("Retry-After");
    if (value == null || !value.strip().matches("\\d{1,9}")) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
  }

  /** Reads at most {@code maxBytes}; a longer body is a {@code MALFORMED_RESPONSE}. */
  static byte[] readBody(Response response, long maxBytes) throws IOException {
    ResponseBody body = response.body();
    BufferedSource source = body.source();
    if (source.request(maxBytes + 1)) {
      throw new TransportException(
          Kind.MALFORMED_RESPONSE,
          "The license server's answer is larger than the "
              + size(maxBytes)
              + " allowed; check the transport URL, or raise maxResponseBytes");
    }
    return source.readByteArray();
  }

  private static String excerpt(Response response) {
    try {
      String text = response.peekBody(EXCERPT_CHARS * 4L).string();
      String cleaned = Envelopes.excerpt(text, EXCERPT_CHARS);
      return cleaned.isEmpty() ? "" : ": \"" + cleaned + "\"";
    } catch (IOException e) {
      return "";
    }
  }

  static String size(long bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " bytes";
  }
}
