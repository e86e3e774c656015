package org.opensmartagent.cli.config;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLException;
import org.opensmartagent.core.identity.ChainValidator;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.protocol.ProtocolCodec;
import org.opensmartagent.core.transport.MessageChannel;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.SignedMessage;
import org.opensmartagent.core.transport.TransportException;
import org.opensmartagent.transport.Transports;

/**
 * What can be checked before a registration token is sent: that the license server can be reached,
 * that its TLS certificate is trusted, and that it signs its answers with a certificate that chains
 * to the pinned licensing root. A registration that fails only after the server has used the token
 * leaves an instance on the server that this device can't use, and uses up a token use.
 *
 * <p>The check sends a registration request that holds no token and no CSR; the server refuses it
 * (BAD_REQUEST) before it looks at any token, and signs the refusal like every answer. Nothing is
 * created on the server and nothing changes on the device. An answer that says nothing (an HTTP
 * error, a busy server) lets the registration go on: the agent then reports what it meets.
 */
public final class ServerCheck {
  private ServerCheck() {}

  /** What stops the registration. */
  public enum Problem {
    /** No connection: DNS, refused, timeout, proxy. */
    UNREACHABLE,
    /** A connection, but the TLS handshake failed (the server's CA is not trusted). */
    TLS,
    /** The server answered, but its signature does not chain to the pinned licensing root. */
    UNTRUSTED_SIGNATURE
  }

  /** A problem and what to do about it. */
  public record Failure(Problem problem, String message) {}

  /**
   * Checks the license server of {@code session}'s device.
   *
   * @return the problem found, or empty when none was (or the server's answer did not tell)
   */
  public static Optional<Failure> beforeToken(DeviceSession session, Instant now) {
    DeviceConfig c = session.config();
    String url = c.transport().effectiveUrl();
    SignedMessage answer;
    try (MessageChannel channel = Transports.channel(c.transport().toSettings())) {
      answer = channel.exchange(probe(c));
    } catch (TransportException e) {
      return failure(e, url);
    }
    if (answer.certificateChain().isEmpty()) {
      return Optional.empty();
    }
    try {
      new ChainValidator(DeviceSession.root(c))
          .validateSigningChain(answer.certificateChain(), now);
      return Optional.empty();
    } catch (IdentityException e) {
      return Optional.of(
          new Failure(
              Problem.UNTRUSTED_SIGNATURE,
              "The license server at "
                  + url
                  + " answered, but its signature does not chain to the pinned licensing root "
                  + c.rootPem()
                  + " ("
                  + e.getMessage()
                  + "). The token was not sent. Check that --root is this server's licensing"
                  + " root (a mock server's is its mock-cssm-root.pem) and that the URL is right;"
                  + " to change the root, remove the state directory and enable again"));
    }
  }

  private static Optional<Failure> failure(TransportException e, String url) {
    return switch (e.kind()) {
      case CONNECTION, TIMEOUT ->
          Optional.of(
              tls(e)
                  ? new Failure(
                      Problem.TLS,
                      e.getMessage()
                          + ". The token was not sent. Give the server's CA with license_smart url"
                          + " --trusted-ca PEM (a mock server's is its mock-cssm-tls-ca.pem)")
                  : new Failure(
                      Problem.UNREACHABLE,
                      "The license server at "
                          + url
                          + " could not be reached: "
                          + e.getMessage()
                          + ". The token was not sent"));
      default -> Optional.empty(); // the server answered something: the registration finds out
    };
  }

  private static boolean tls(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  private static SignedMessage probe(DeviceConfig c) {
    RegisterRequest request =
        new RegisterRequest(
            "",
            c.udis(),
            Optional.empty(),
            UUID.randomUUID().toString(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            new byte[0],
            false);
    return new SignedMessage(
        MessageType.REGISTER_REQUEST,
        ProtocolCodec.VERSION,
        ProtocolCodec.encode(request),
        new byte[0],
        List.of());
  }
}
