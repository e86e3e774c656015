package org.opensmartagent.core.store.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.opensmartagent.core.store.DeviceSecret;

/**
 * Encodes and checks one generation file: magic {@code "OSAS"}, format version (int), generation
 * (long), payload length (int), payload, then HMAC-SHA256 over everything before it. Thread-safe.
 */
public final class GenerationCodec {

  public static final int FORMAT_VERSION = 1;
  static final byte[] MAGIC = "OSAS".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_LENGTH = MAGIC.length + Integer.BYTES + Long.BYTES + Integer.BYTES;
  static final int MAC_LENGTH = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  private GenerationCodec(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /** A codec keyed by {@code key}, which must hold at least 16 bytes. */
  public static GenerationCodec keyedBy(byte[] key) {
    if (key == null) {
      throw new NullPointerException("secret.bytes() == null");
    }
    if (key.length < DeviceSecret.MINIMUM_LENGTH) {
      throw new IllegalArgumentException(
          "secret.bytes() must hold at least "
              + DeviceSecret.MINIMUM_LENGTH
              + " bytes, but held "
              + key.length);
    }
    return new GenerationCodec(key);
  }

  /** Returns the file content for {@code payload} as generation {@code generation}. */
  public byte[] encode(long generation, byte[] payload) {
    ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH + payload.length + MAC_LENGTH);
    buffer.put(MAGIC).putInt(FORMAT_VERSION).putLong(generation).putInt(payload.length);
    buffer.put(payload);
    buffer.put(mac(buffer.array(), buffer.position()));
    return buffer.array();
  }

  /** Checks magic, version, length and MAC, returning either a valid generation or why not. */
  public FileState decode(byte[] file) {
    if (file.length == 0) {
      return new FileState.Invalid("is empty (zero length)");
    }
    if (file.length < MAGIC.length || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, 4)) {
      return new FileState.Invalid("is not a store file (bad magic bytes)");
    }
    if (file.length < HEADER_LENGTH) {
      return truncated(HEADER_LENGTH, file.length);
    }
    ByteBuffer header = ByteBuffer.wrap(file, MAGIC.length, HEADER_LENGTH - MAGIC.length);
    int version = header.getInt();
    if (version != FORMAT_VERSION) {
      return new FileState.Invalid(unsupported(version));
    }
    long generation = header.getLong();
    int length = header.getInt();
    return checkBody(file, generation, length);
  }

  private FileState checkBody(byte[] file, long generation, int length) {
    if (length < 0) {
      return new FileState.Invalid("has an invalid payload length " + length);
    }
    long expected = (long) HEADER_LENGTH + length + MAC_LENGTH;
    if (file.length < expected) {
      return truncated(expected, file.length);
    }
    if (file.length > expected) {
      return new FileState.Invalid(
          "has " + (file.length - expected) + " unexpected trailing bytes");
    }
    int macStart = HEADER_LENGTH + length;
    byte[] actual = Arrays.copyOfRange(file, macStart, file.length);
    if (!MessageDigest.isEqual(mac(file, macStart), actual)) {
      return new FileState.Invalid("failed its integrity check (MAC mismatch)");
    }
    if (generation < 1) {
      return new FileState.Invalid("has an invalid generation number " + generation);
    }
    return new FileState.Valid(generation, Arrays.copyOfRange(file, HEADER_LENGTH, macStart));
  }

  private static FileState truncated(long expected, int actual) {
    return new FileState.Invalid(
        "is truncated (expected " + expected + " bytes, found " + actual + ")");
  }

  private static String unsupported(int version) {
    return version > FORMAT_VERSION
        ? "was written by a newer agent, format version " + version
        : "has unsupported format version " + version;
  }

  private byte[] mac(byte[] data, int length) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(data, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is unavailable in this JVM", e);
    }
  }
}
