package org.opensmartagent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportSettingsTest {

  @Test
  void defaultsAreDirectToTheCloudWithIdentityCheckAndTimeouts() {
    TransportSettings settings = new TransportSettings.Builder().build();

    assertThat(settings.kind()).isEqualTo(TransportKind.DIRECT);
    assertThat(settings.url())
        .hasToString("https://tools.cisco.com/its/service/oddce/services/DDCEService");
    assertThat(settings.serverIdentityCheck()).isTrue();
    assertThat(settings.fipsMode()).isFalse();
    assertThat(settings.proxy()).isEmpty();
    assertThat(settings.trustedCertificates()).isEmpty();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.maxResponseBytes()).isEqualTo(1024 * 1024);
  }

  @Test
  void smartTransportDefaultsToTheSmartReceiver() {
    TransportSettings settings =
        new TransportSettings.Builder().kind(TransportKind.SMART_TRANSPORT).build();

    assertThat(settings.url()).hasToString("https://smartreceiver.cisco.com/licservice/license");
  }

  @Test
  void transportGatewayRequiresAUrl() {
    TransportSettings.Builder builder =
        new TransportSettings.Builder().kind(TransportKind.TRANSPORT_GATEWAY);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Transport Gateway needs a URL")
        .hasMessageContaining("onPremGateway");
  }

  @Test
  void transportGatewayAcceptsHttpAndHttps() {
    TransportSettings.Builder builder =
        new TransportSettings.Builder().kind(TransportKind.TRANSPORT_GATEWAY);

    assertThat(builder.url("http://gw.example/x").build().url()).hasToString("http://gw.example/x");
    assertThat(builder.url("https://gw.example/x").build().url())
        .hasToString("https://gw.example/x");
  }

  @Test
  void onPremHelpersBuildTheDocumentedUrls() {
    assertThat(TransportSettings.onPremGateway("satellite.example:8443"))
        .hasToString(
            "https://satellite.example:8443/Transportgateway/services/DeviceRequestHandler");
    assertThat(TransportSettings.onPremSmartTransport("satellite.example"))
        .hasToString("https://satellite.example/SmartTransport");
    assertThatThrownBy(() -> TransportSettings.onPremGateway("bad host/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host must be");
  }

  @Test
  void fipsModeRefusesHttp() {
    TransportSettings.Builder builder =
        new TransportSettings.Builder()
            .kind(TransportKind.TRANSPORT_GATEWAY)
            .url("http://gw.example/Transportgateway/services/DeviceRequestHandler")
            .fipsMode(true);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FIPS mode accepts only https URLs; got http://gw.example/");
  }

  @Test
  void smartTransportRefusesHttp() {
    TransportSettings.Builder builder =
        new TransportSettings.Builder()
            .kind(TransportKind.SMART_TRANSPORT)
            .url("http://satellite.example/SmartTransport");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Smart Transport requires https");
  }

  @Test
  void refusesOtherSchemesAndUserInfo() {
    TransportSettings.Builder builder = new TransportSettings.Builder();

    assertThatThrownBy(() -> builder.url("ftp://host/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> builder.url("https://user:pw@host/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not carry credentials")
        .hasMessageNotContaining("pw");
  }

  @Test
  void passwordIsHiddenInToString() {
    ProxySettings proxy =
        ProxySettings.of("proxy.example", 3128).withCredentials("alice", "s3cret!");
    TransportSettings settings = new TransportSettings.Builder().proxy(proxy).build();

    assertThat(settings.toString())
        .contains("proxy.example:3128", "alice", "<hidden>")
        .doesNotContain("s3cret!");
    assertThat(proxy.password()).contains("s3cret!");
  }

  @Test
  void argumentChecksNameTheArgument() {
    TransportSettings.Builder builder = new TransportSettings.Builder();

    assertThatThrownBy(() -> builder.clock(null)).hasMessage("clock == null");
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO))
        .hasMessageContaining("connectTimeout must be positive");
    assertThatThrownBy(() -> builder.maxResponseBytes(0))
        .hasMessageContaining("maxResponseBytes must be in");
    assertThatThrownBy(() -> ProxySettings.of("proxy.example", 0))
        .hasMessageContaining("proxy port must be in 1..65535");
  }

  @Test
  void trustedCertificatesAcceptPemDerAndKeyStores() throws Exception {
    byte[] der = TestTls.CA.certificate().getEncoded();
    KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
    keyStore.load(null, null);
    keyStore.setCertificateEntry("ca", TestTls.CA.certificate());

    TransportSettings.Builder builder = new TransportSettings.Builder();

    assertThat(builder.trustedCertificates(TestTls.caPem()).build().trustedCertificates())
        .containsExactly(TestTls.CA.certificate());
    assertThat(builder.trustedCertificates(List.of(der)).build().trustedCertificates())
        .containsExactly(TestTls.CA.certificate());
    assertThat(builder.trustStore(keyStore).build().trustedCertificates())
        .containsExactly(TestTls.CA.certificate());
    assertThatThrownBy(() -> builder.trustedCertificates(List.of(new byte[] {1, 2})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("certificates[0] is not a PEM or DER X.509 certificate");
  }

  @Test
  void newBuilderCopiesEverySetting() {
    TransportSettings original =
        new TransportSettings.Builder()
            .kind(TransportKind.SMART_TRANSPORT)
            .url(TransportSettings.onPremSmartTransport("satellite.example"))
            .serverIdentityCheck(false)
            .fipsMode(true)
            .readTimeout(Duration.ofSeconds(5))
            .maxResponseBytes(2048)
            .clock(TestMessages.CLOCK)
            .build();

    TransportSettings copy = original.newBuilder().build();

    assertThat(copy).usingRecursiveComparison().isEqualTo(original);
  }
}
