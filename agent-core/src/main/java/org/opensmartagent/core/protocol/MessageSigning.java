package org.opensmartagent.core.protocol;

import java.security.PublicKey;
import java.util.List;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.SignatureVerifier;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.SignedMessage;

/**
 * Signs a payload into a {@link SignedMessage} and checks one: the signature covers exactly the
 * payload bytes, with the signer key's algorithm (SHA256withECDSA or SHA256withRSA). Used by the
 * agent for requests and by license servers for answers.
 */
public final class MessageSigning {
  private MessageSigning() {}

  /** Signs {@code payload} with {@code key}; {@code chain} is the signer's certificates. */
  public static SignedMessage sign(
      MessageType type, byte[] payload, DeviceKeys key, List<byte[]> chain) {
    return new SignedMessage(type, ProtocolCodec.VERSION, payload, key.sign(payload), chain);
  }

  /**
   * Checks the message's signature with {@code signer}.
   *
   * @throws IdentityException with reason SIGNATURE_VERIFICATION_FAILED when it does not match
   */
  public static void verify(SignedMessage message, PublicKey signer) throws IdentityException {
    SignatureVerifier.verify(signer, message.payload(), message.signature());
  }
}
