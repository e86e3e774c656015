package org.opensmartagent.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Shared fixtures for store tests. */
final class StoreTesting {

  static final DeviceSecret SECRET = DeviceSecret.of(filled(32, (byte) 7));
  static final DeviceSecret OTHER_SECRET = DeviceSecret.of(filled(32, (byte) 9));

  private StoreTesting() {}

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] filled(int length, byte value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
