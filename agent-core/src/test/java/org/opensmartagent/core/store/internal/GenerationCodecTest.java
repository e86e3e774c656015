package org.opensmartagent.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GenerationCodecTest {

  private final GenerationCodec codec = GenerationCodec.keyedBy(new byte[32]);
  private final byte[] payload = "entitlements".getBytes(StandardCharsets.UTF_8);

  @Test
  void encodedGenerationDecodesBack() {
    FileState state = codec.decode(codec.encode(7, payload));
    assertThat(state).isInstanceOf(FileState.Valid.class);
    FileState.Valid valid = (FileState.Valid) state;
    assertThat(valid.generation()).isEqualTo(7);
    assertThat(valid.payload()).isEqualTo(payload);
  }

  @Test
  void layoutIsMagicVersionGenerationLengthPayloadMac() {
    ByteBuffer file = ByteBuffer.wrap(codec.encode(7, payload));
    byte[] magic = new byte[4];
    file.get(magic);
    assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("OSAS");
    assertThat(file.getInt()).isEqualTo(1);
    assertThat(file.getLong()).isEqualTo(7);
    assertThat(file.getInt()).isEqualTo(payload.length);
    assertThat(file.remaining()).isEqualTo(payload.length + 32);
  }

  @Test
  void everySingleBitFlipIsDetected() {
    byte[] file = codec.encode(3, payload);
    for (int i = 0; i < file.length; i++) {
      byte[] damaged = file.clone();
      damaged[i] ^= 0x10;
      assertThat(codec.decode(damaged)).as("flip at %d", i).isInstanceOf(FileState.Invalid.class);
    }
  }

  @Test
  void everyTruncationIsDetected() {
    byte[] file = codec.encode(3, payload);
    for (int length = 0; length < file.length; length++) {
      assertThat(codec.decode(Arrays.copyOf(file, length)))
          .as("truncated to %d", length)
          .isInstanceOf(FileState.Invalid.class);
    }
  }

  @Test
  void reasonsReadAfterTheFileName() {
    byte[] file = codec.encode(3, payload);
    assertThat(reason(new byte[0])).isEqualTo("is empty (zero length)");
    assertThat(reason("garbage!".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("is not a store file (bad magic bytes)");
    assertThat(reason(Arrays.copyOf(file, 30)))
        .isEqualTo("is truncated (expected 64 bytes, found 30)");
    assertThat(reason(Arrays.copyOf(file, file.length + 2)))
        .isEqualTo("has 2 unexpected trailing bytes");
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    assertThat(reason(GenerationCodec.keyedBy(otherKey).encode(3, payload)))
        .isEqualTo("failed its integrity check (MAC mismatch)");
  }

  @Test
  void unknownVersionsAreNamed() {
    byte[] file = codec.encode(3, payload);
    ByteBuffer.wrap(file).putInt(4, 2);
    assertThat(reason(file)).isEqualTo("was written by a newer agent, format version 2");
    ByteBuffer.wrap(file).putInt(4, 0);
    assertThat(reason(file)).isEqualTo("has unsupported format version 0");
  }

  @Test
  void negativeLengthIsRejected() {
    byte[] file = codec.encode(3, payload);
    ByteBuffer.wrap(file).putInt(16, -5);
    assertThat(reason(file)).isEqualTo("has an invalid payload length -5");
  }

  @Test
  void keyMustHoldSixteenBytes() {
    assertThatThrownBy(() -> GenerationCodec.keyedBy(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret.bytes() must hold at least 16 bytes, but held 15");
    assertThatThrownBy(() -> GenerationCodec.keyedBy(null)).hasMessage("secret.bytes() == null");
  }

  private String reason(byte[] file) {
    FileState state = codec.decode(file);
    assertThat(state).isInstanceOf(FileState.Invalid.class);
    return ((FileState.Invalid) state).reason();
  }
}
