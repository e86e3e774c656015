package org.opensmartagent.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opensmartagent.core.identity.IdentityException.Reason;

class CsrTest {
  private static final String UDI = "PID:ESA-C170,SN:FCH1234ABCD";
  private static final String PEER_UDI = "PID:ESA-C170,SN:FCH9999WXYZ";

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void createdRequestParsesBackToItsUdiAndKey(KeyAlgorithm algorithm) throws Exception {
    DeviceKeys keys = DeviceKeys.generate(algorithm, TestRandom.seeded(2));

    Csr csr = Csr.parse(Csr.create(keys, UDI, List.of()));

    assertThat(csr.subjectUdi()).isEqualTo(UDI);
    assertThat(csr.udis()).containsExactly(UDI);
    assertThat(csr.publicKey().getEncoded()).isEqualTo(keys.encodedPublicKey());
  }

  @Test
  void haPairUdisTravelInTheRequestPrimaryFirst() throws Exception {
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, TestRandom.seeded(3));

    Csr csr = Csr.parse(Csr.create(keys, UDI, List.of(PEER_UDI)));

    assertThat(csr.subjectUdi()).isEqualTo(UDI);
    assertThat(csr.udis()).containsExactly(UDI, PEER_UDI);
  }

  @Test
  void tamperedRequestIsRefused() throws Exception {
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, TestRandom.seeded(4));
    byte[] der = Csr.create(keys, UDI, List.of());
    String text = new String(der, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("FCH1234ABCD");
    der[at] = 'X';

    assertThatThrownBy(() -> Csr.parse(der))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CSR_INVALID))
        .hasMessageContaining("signature does not match");
  }

  @Test
  void garbageIsRefused() {
    assertThatThrownBy(() -> Csr.parse(new byte[] {0x30, 0x03, 1, 2, 3}))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CSR_INVALID))
        .hasMessageContaining("not a DER-encoded PKCS#10 request");
  }

  @Test
  void blankUdiIsMisuse() {
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, TestRandom.seeded(5));

    assertThatThrownBy(() -> Csr.create(keys, " ", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("subjectCommonName is blank");
  }
}
