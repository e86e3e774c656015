package org.opensmartagent.testkit.internal;

import java.security.cert.X509Certificate;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.ServerReply;

/** Small helpers for building server verdicts. Stateless. */
final class Replies {
  private Replies() {}

  static <T> ServerReply<T> reject(RejectReason reason, String message) {
    return ServerReply.rejected(reason, message);
  }

  /** The same rejection, for an answer of another type. */
  static <T> ServerReply<T> forward(ServerReply<?> rejected) {
    ServerReply.Rejection r = rejected.rejection().orElseThrow();
    return ServerReply.rejected(r.reason(), r.serverMessage());
  }

  /**
   * The instance {@code id} if it exists and {@code deviceCert} carries the key it registered with;
   * otherwise INSTANCE_UNKNOWN or CERTIFICATE_INVALID.
   */
  static ServerReply<ProductInstance> instance(
      ServerState state, String id, X509Certificate deviceCert) {
    var instance = state.findInstance(id);
    if (instance.isEmpty()) {
      return reject(
          RejectReason.INSTANCE_UNKNOWN, "product instance " + id + " is not registered here");
    }
    if (!instance.get().hasKey(deviceCert.getPublicKey().getEncoded())) {
      return reject(
          RejectReason.CERTIFICATE_INVALID,
          "the ID certificate is not the one issued to product instance " + id);
    }
    return ServerReply.accepted(instance.get());
  }
}
