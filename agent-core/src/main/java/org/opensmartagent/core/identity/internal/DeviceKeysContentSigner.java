package org.opensmartagent.core.identity.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.opensmartagent.core.identity.DeviceKeys;

/**
 * Lets BouncyCastle builders (CSRs, certificates) sign through {@link DeviceKeys#sign}, so the
 * private key never leaves {@code DeviceKeys}. One instance signs one structure; not thread-safe.
 */
public final class DeviceKeysContentSigner implements ContentSigner {
  private final DeviceKeys keys;
  private final AlgorithmIdentifier algorithm;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  public DeviceKeysContentSigner(DeviceKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys == null");
    this.algorithm =
        new DefaultSignatureAlgorithmIdentifierFinder().find(keys.algorithm().signatureAlgorithm());
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  @Override
  public OutputStream getOutputStream() {
    return buffer;
  }

  @Override
  public byte[] getSignature() {
    return keys.sign(buffer.toByteArray());
  }
}
