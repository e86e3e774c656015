package org.opensmartagent.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opensmartagent.core.identity.IdentityException.Reason;

class DeviceKeysTest {
  private static final byte[] DATA = "registration request".getBytes(StandardCharsets.UTF_8);
  private final SecureRandom random = TestRandom.seeded(1);

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void generatedKeysSurviveAPkcs8RoundTrip(KeyAlgorithm algorithm) throws Exception {
    DeviceKeys keys = DeviceKeys.generate(algorithm, random);

    DeviceKeys decoded =
        DeviceKeys.decode(keys.encodedPrivateKey(), keys.encodedPublicKey(), random);

    assertThat(decoded.algorithm()).isEqualTo(algorithm);
    assertThat(decoded.encodedPrivateKey()).isEqualTo(keys.encodedPrivateKey());
    assertThat(decoded.encodedPublicKey()).isEqualTo(keys.encodedPublicKey());
    SignatureVerifier.verify(keys.publicKey(), DATA, decoded.sign(DATA));
  }

  @Test
  void defaultAlgorithmIsEcP256() {
    assertThat(KeyAlgorithm.DEFAULT).isEqualTo(KeyAlgorithm.EC_P256);
    assertThat(KeyAlgorithm.EC_P256.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
    assertThat(KeyAlgorithm.RSA_2048.signatureAlgorithm()).isEqualTo("SHA256withRSA");
  }

  @Test
  void mismatchedHalvesAreRefused() {
    DeviceKeys one = DeviceKeys.generate(KeyAlgorithm.EC_P256, random);
    DeviceKeys other = DeviceKeys.generate(KeyAlgorithm.EC_P256, random);

    assertThatThrownBy(
            () -> DeviceKeys.decode(one.encodedPrivateKey(), other.encodedPublicKey(), random))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_INVALID))
        .hasMessageContaining("does not match");
  }

  @Test
  void corruptEncodingIsRefused() {
    DeviceKeys keys = DeviceKeys.generate(KeyAlgorithm.EC_P256, random);

    assertThatThrownBy(
            () -> DeviceKeys.decode(new byte[] {1, 2, 3}, keys.encodedPublicKey(), random))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_INVALID));
    assertThatThrownBy(() -> DeviceKeys.decode(keys.encodedPrivateKey(), new byte[] {4}, random))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_INVALID));
  }

  @Test
  void unsupportedCurveIsRefused() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"), random);
    java.security.KeyPair p384 = generator.generateKeyPair();

    assertThatThrownBy(
            () ->
                DeviceKeys.decode(
                    p384.getPrivate().getEncoded(), p384.getPublic().getEncoded(), random))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_INVALID))
        .hasMessageContaining("neither an EC P-256 key nor a 2048-bit RSA key");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void toStringShowsNoKeyMaterial(KeyAlgorithm algorithm) {
    DeviceKeys keys = DeviceKeys.generate(algorithm, random);
    Base64.Encoder base64 = Base64.getEncoder();

    assertThat(keys.toString())
        .contains(algorithm.name())
        .doesNotContain(base64.encodeToString(keys.encodedPrivateKey()))
        .doesNotContain(base64.encodeToString(keys.encodedPublicKey()))
        .hasSizeLessThan(80);
  }

  @Test
  void argumentsAreCheckedEagerly() {
    assertThatThrownBy(() -> DeviceKeys.generate(null, random))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("algorithm == null");
    assertThatThrownBy(() -> DeviceKeys.generate(KeyAlgorithm.EC_P256, null))
        .hasMessage("random == null");
  }
}
