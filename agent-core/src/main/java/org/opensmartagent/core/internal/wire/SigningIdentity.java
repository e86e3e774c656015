package org.opensmartagent.core.internal.wire;

import java.util.List;
import org.opensmartagent.core.identity.DeviceKeys;

/**
 * The key that signs the next request and the certificates that go with it: the new key alone for a
 * registration, the ID key and ID certificate chain afterwards.
 */
public record SigningIdentity(DeviceKeys keys, List<byte[]> chain) {
  public SigningIdentity {
    chain = chain.stream().map(byte[]::clone).toList();
  }
}
