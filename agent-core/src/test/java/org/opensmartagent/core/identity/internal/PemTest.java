package org.opensmartagent.core.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PemTest {
  private static final byte[] DER = new byte[100];

  static {
    for (int i = 0; i < DER.length; i++) DER[i] = (byte) i;
  }

  @Test
  void encodesWithHeaderLinesAnd64CharacterLines() {
    String pem = Pem.encode(Pem.CERTIFICATE, DER);

    assertThat(pem)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    assertThat(pem.lines().mapToInt(String::length).max().orElseThrow()).isEqualTo(64);
  }

  @Test
  void decodesEveryBlockOfTheLabelInOrder() {
    byte[] other = "second".getBytes(StandardCharsets.US_ASCII);
    String text =
        "junk\r\n"
            + Pem.encode(Pem.CERTIFICATE, DER).replace("\n", "\r\n")
            + Pem.encode(Pem.PUBLIC_KEY, new byte[] {9})
            + Pem.encode(Pem.CERTIFICATE, other);

    List<byte[]> blocks = Pem.decodeAll(Pem.CERTIFICATE, text);

    assertThat(blocks).containsExactly(DER, other);
    assertThat(Pem.decode(Pem.PUBLIC_KEY, text)).containsExactly(9);
    assertThat(Pem.looksLikePem(text.getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(Pem.looksLikePem(DER)).isFalse();
  }

  @Test
  void missingBlockIsMisuse() {
    assertThatThrownBy(() -> Pem.decode(Pem.CERTIFICATE, "nothing here"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-----BEGIN CERTIFICATE-----");
  }
}
