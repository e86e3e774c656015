package org.opensmartagent.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.AuthorizeResponse;
import org.opensmartagent.core.transport.MessageType;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.RejectReason;
import org.opensmartagent.core.transport.Verdict;

class ProtocolCodecTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
  private static final EntitlementTag DLP = EntitlementTag.parse("ESA_DLP");

  @Test
  void aRegisterRequestRoundTripsAndReadsLikeTheDocs() throws Exception {
    RegisterRequest r =
        new RegisterRequest(
            "TOKEN%2Fabc",
            List.of(Udi.of("ESA-C170", "FCH1"), Udi.of("ESA-C170", "FCH2")),
            Optional.of(EntitlementTag.parse("ESA_Software")),
            "00ff",
            Optional.of("mail\nhost\\1"),
            Optional.empty(),
            List.of(DLP),
            new byte[] {1, 2, 3},
            true);
    byte[] payload = ProtocolCodec.encode(r);
    String text = new String(payload, StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("OSA-LICENSING 1.3 REGISTER_REQUEST\nnonce: 00ff\n")
        .contains("udi: PID:ESA-C170,SN:FCH2\n")
        .contains("hostname: mail\\nhost\\\\1\n")
        .contains("csr: AQID\n")
        .doesNotContain("agent-version");
    RegisterRequest back = ProtocolCodec.decodeRegisterRequest(payload);
    assertThat(back.udis()).isEqualTo(r.udis());
    assertThat(back.hostname()).contains("mail\nhost\\1");
    assertThat(back.token()).isEqualTo("TOKEN%2Fabc");
    assertThat(back.csr()).containsExactly(1, 2, 3);
    assertThat(back.force()).isTrue();
    assertThat(ProtocolCodec.typeOf(payload)).isEqualTo(MessageType.REGISTER_REQUEST);
  }

  @Test
  void answersRoundTripWithTheirEchoes() throws Exception {
    AuthorizeResponse a =
        new AuthorizeResponse(
            List.of(
                new Verdict(DLP, Verdict.Kind.OUT_OF_COMPLIANCE, "12 in use, 10 licensed"),
                new Verdict(EntitlementTag.parse("X"), Verdict.Kind.AUTHORIZED, "")),
            T.plus(Duration.ofDays(90)),
            "abcd",
            T);
    Decoded<AuthorizeResponse> d =
        ProtocolCodec.decodeAuthorizeResponse(ProtocolCodec.encode(a, "PI-7"));
    assertThat(d.reply().body()).isEqualTo(a);
    assertThat(d.productInstanceId()).contains("PI-7");
    assertThat(d.nonce()).isEqualTo("abcd");

    RegisterResponse r =
        new RegisterResponse(
            "PI-1",
            "SA",
            "VA",
            true,
            List.of(new byte[] {9}),
            T,
            T.plusSeconds(9),
            List.of(DLP),
            "n",
            T);
    Decoded<RegisterResponse> rd = ProtocolCodec.decodeRegisterResponse(ProtocolCodec.encode(r));
    assertThat(rd.reply().body().idCertificateChain().get(0)).containsExactly(9);
    assertThat(rd.reply().body().convertedLicenses()).containsExactly(DLP);
  }

  @Test
  void rejectionsCarryReasonNonceAndTime() throws Exception {
    byte[] p =
        ProtocolCodec.encodeRejection(
            MessageType.REGISTER_RESPONSE,
            RejectReason.TOKEN_REVOKED,
            "revoked by admin",
            "n1",
            T,
            Optional.empty());
    Decoded<RegisterResponse> d = ProtocolCodec.decodeRegisterResponse(p);
    assertThat(d.reply().rejection().orElseThrow().reason()).isEqualTo(RejectReason.TOKEN_REVOKED);
    assertThat(d.reply().rejection().orElseThrow().serverMessage()).isEqualTo("revoked by admin");
    assertThat(d.nonce()).isEqualTo("n1");
    assertThat(d.serverTime()).isEqualTo(T);
    byte[] unknownReason =
        new String(p, StandardCharsets.UTF_8)
            .replace("TOKEN_REVOKED", "SOMETHING_NEW")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(
            ProtocolCodec.decodeRegisterResponse(unknownReason)
                .reply()
                .rejection()
                .orElseThrow()
                .reason())
        .isEqualTo(RejectReason.OTHER);
    assertThat(
            ProtocolCodec.decodeTryAgainLater(
                ProtocolCodec.encodeTryAgainLater(Optional.of(Duration.ofSeconds(90)), "busy")))
        .contains(Duration.ofSeconds(90));
  }

  @Test
  void malformedPayloadsNameWhatIsWrong() {
    byte[] good =
        ProtocolCodec.encode(
            new AuthorizeRequest(
                "PI", "n", List.of(new EntitlementRequest(DLP, 2, CountUnit.USERS))));
    String text = new String(good, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ProtocolCodec.decodeRegisterRequest(good))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("expected a REGISTER_REQUEST message but got AUTHORIZE_REQUEST");
    assertThatThrownBy(
            () -> ProtocolCodec.decodeAuthorizeRequest(bytes(text.replace("nonce: n\n", ""))))
        .hasMessageContaining("exactly one 'nonce'");
    assertThatThrownBy(
            () -> ProtocolCodec.decodeAuthorizeRequest(bytes(text.replace("2 USERS", "-2 USERS"))))
        .hasMessageContaining("'usage' is malformed");
    assertThatThrownBy(
            () -> ProtocolCodec.decodeAuthorizeRequest(bytes(text.replace(" 1.3 ", " 2.0 "))))
        .hasMessageContaining("version 2.0 is not supported");
    assertThatThrownBy(() -> ProtocolCodec.decodeAuthorizeRequest(bytes("<xml/>")))
        .hasMessageContaining("does not end with a line feed");
    assertThatThrownBy(() -> ProtocolCodec.decodeAuthorizeRequest(bytes("<xml/>\n")))
        .hasMessageContaining("not a licensing message");
    assertThatThrownBy(() -> ProtocolCodec.decodeAuthorizeRequest(new byte[300 * 1024]))
        .hasMessageContaining("at most");
    assertThatThrownBy(() -> ProtocolCodec.decodeAuthorizeRequest(bytes(text + "bad line\n")))
        .hasMessageContaining("not 'name: value'");
  }

  @Test
  void unknownFieldsAreIgnoredForForwardCompatibility() throws Exception {
    byte[] good = ProtocolCodec.encode(new AuthorizeRequest("PI", "n", List.of()));
    AuthorizeRequest r =
        ProtocolCodec.decodeAuthorizeRequest(
            bytes(new String(good, StandardCharsets.UTF_8) + "future-field: x\n"));
    assertThat(r.productInstanceId()).isEqualTo("PI");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
