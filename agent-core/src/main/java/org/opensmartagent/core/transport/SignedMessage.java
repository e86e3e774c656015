package org.opensmartagent.core.transport;

import java.util.List;
import java.util.Objects;

/**
 * One protocol message as it travels: the type, the message version, the canonical payload bytes
 * exactly as signed, the signature over them, and the signer's certificate chain (leaf first, DER;
 * empty for a registration request, which is signed by the key in its CSR). Transports carry it
 * unchanged inside their envelope; only core reads the payload. Immutable.
 */
public record SignedMessage(
    MessageType type,
    String version,
    byte[] payload,
    byte[] signature,
    List<byte[]> certificateChain) {

  /** The message version this agent speaks. */
  public static final String CURRENT_VERSION = "1.3";

  public SignedMessage {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(version, "version == null");
    payload = payload.clone();
    signature = signature.clone();
    certificateChain = certificateChain.stream().map(byte[]::clone).toList();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public List<byte[]> certificateChain() {
    return certificateChain.stream().map(byte[]::clone).toList();
  }

  @Override
  public String toString() {
    return "SignedMessage{" + type + " v" + version + ", " + payload.length + " payload bytes}";
  }
}
