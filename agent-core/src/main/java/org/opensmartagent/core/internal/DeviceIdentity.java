package org.opensmartagent.core.internal;

import java.util.List;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.Csr;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.IdentityException;

/** Makes device key pairs and the CSRs that name the device's UDIs. */
final class DeviceIdentity {
  private DeviceIdentity() {}

  static DeviceKeys newKeys(EngineConfig c) {
    return DeviceKeys.generate(c.keyAlgorithm(), c.secureRandom());
  }

  /** A PKCS#10 CSR for {@code keys} naming the primary UDI and every other member. */
  static byte[] csr(DeviceKeys keys, List<Udi> udis) {
    try {
      return Csr.create(
          keys,
          udis.get(0).toString(),
          udis.subList(1, udis.size()).stream().map(Udi::toString).toList());
    } catch (IdentityException e) {
      throw new IllegalStateException(
          "Could not make the certificate request: " + e.getMessage(), e);
    }
  }
}
