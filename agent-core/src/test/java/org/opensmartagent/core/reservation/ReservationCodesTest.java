package org.opensmartagent.core.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.LicenseTerm;
import org.opensmartagent.core.Udi;

class ReservationCodesTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final Udi HW = Udi.of("C9300-24UX", "FCW2134L0RN");

  @Test
  void requestCodesFollowTheRealGrammarWithAMiddlePartFixedPerAgentBuild() {
    RequestCode code =
        RequestCode.create(ReservationType.SPECIFIC, HW, "1.0.0", new SplittableRandom(7));
    String middle = RequestCode.agentPart("1.0.0");
    assertThat(middle).matches("[A-Za-z0-9]{9}").isEqualTo(RequestCode.agentPart("1.0.0"));
    assertThat(RequestCode.agentPart("1.0.1")).isNotEqualTo(middle);
    assertThat(code.text()).matches("CB-ZC9300-24UX:FCW2134L0RN-" + middle + "-[0-9A-F]{2}");
    assertThat(code.type()).contains(ReservationType.SPECIFIC);
    RequestCode parsed = RequestCode.parse(" " + code.text() + "\n");
    assertThat(parsed).isEqualTo(code);
    assertThat(parsed.type()).contains(ReservationType.SPECIFIC);
    assertThat(parsed.udi()).isEqualTo(HW);
    Udi other = Udi.of("C9300-48P", "FOC1111X0AA");
    assertThat(
            RequestCode.create(ReservationType.UNIVERSAL, other, "1.0.0", new SplittableRandom(1)))
        .asString()
        .matches("CU-ZC9300-48P:FOC1111X0AA-" + middle + "-[0-9A-F]{2}");
    assertThatThrownBy(() -> RequestCode.parse("hello")).hasMessageContaining("CB-ZC9300-24UX");
    assertThatThrownBy(() -> RequestCode.parse("CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-8"))
        .hasMessageContaining("Copy the whole code again");
  }

  @Test
  void aSoftwareProductsRequestCodeIsItsCompactUdi() {
    Udi sw = Udi.of("ESAV", "42A", "8e3c2f1a-1b2c-4d5e-8f90-a1b2c3d4e5f6");
    RequestCode soft =
        RequestCode.create(ReservationType.UNIVERSAL, sw, "1.0.0", new SplittableRandom(1));
    assertThat(soft.text()).isEqualTo("P:ESAV,S:42A,U:8e3c2f1a-1b2c-4d5e-8f90-a1b2c3d4e5f6");
    RequestCode parsed = RequestCode.parse(soft.text());
    assertThat(parsed).isEqualTo(soft);
    assertThat(parsed.udi()).isEqualTo(sw);
    assertThat(parsed.type()).as("the text carries no type").isEmpty();
    assertThatThrownBy(() -> RequestCode.parse("P:ESAV,S:42A"))
        .hasMessageContaining("has no U:<uuid> field");
  }

  @Test
  void authorizationCodesRoundTripVerifyAndRefuseTampering() throws Exception {
    ReservationAuthority authority = new ReservationAuthority(T);
    RequestCode request =
        RequestCode.create(ReservationType.SPECIFIC, HW, "1.0.0", new SplittableRandom(3));
    EntitlementTag dna = EntitlementTag.parse("DNA_Advantage");
    AuthorizationCode code =
        authority.authorize(
            request, T, List.of(ReservedEntitlement.of(dna, 2, LicenseTerm.perpetual())));
    assertThat(code.text())
        .startsWith("<specificPLR><authorizationCode><flag>A</flag><version>C</version>");
    assertThat(code.text()).doesNotContain("\n").doesNotStartWith("<?xml");
    AuthorizationCode parsed =
        AuthorizationCode.parse("  <smartLicense>" + code.text() + "</smartLicense>\n");
    assertThat(parsed.entitlement(dna).orElseThrow().count()).isEqualTo(2);
    assertThat(parsed.productInstanceId())
        .isEqualTo(ReservationAuthority.productInstanceId(request));
    parsed.verify(authority.signingChainKey());

    String moreCount = code.text().replace("<count>2</count>", "<count>9</count>");
    assertThatThrownBy(() -> AuthorizationCode.parse(moreCount).verify(authority.signingChainKey()))
        .hasMessageContaining("SIGNATURE_VERIFICATION_FAILED");
  }

  @Test
  void escapedTextRoundTripsAndStillVerifies() throws Exception {
    ReservationAuthority authority = new ReservationAuthority(T);
    RequestCode request =
        RequestCode.create(ReservationType.SPECIFIC, HW, "1.0.0", new SplittableRandom(4));
    ReservedEntitlement odd =
        new ReservedEntitlement(
            EntitlementTag.parse("DNA"),
            1,
            LicenseTerm.perpetual(),
            "R&D <lab> \"A\"",
            "x > y & z",
            "");
    AuthorizationCode code =
        AuthorizationCode.create(
            ReservationType.SPECIFIC,
            ReservationAuthority.productInstanceId(request),
            T,
            List.of(odd),
            HW,
            authority.signingKeysForTest());
    AuthorizationCode parsed = AuthorizationCode.parse(code.text());
    assertThat(parsed.entitlements().get(0).displayName()).isEqualTo("R&D <lab> \"A\"");
    assertThat(parsed.entitlements().get(0).description()).isEqualTo("x > y & z");
    parsed.verify(authority.signingChainKey());
    assertThatThrownBy(() -> AuthorizationCode.parse(code.text().replace("R&amp;D", "R&ent;D")))
        .hasMessageContaining("cannot be read");
  }

  @Test
  void hostileOrMalformedCodesAreRefusedClearly() {
    assertThatThrownBy(() -> AuthorizationCode.parse("not xml")).hasMessageContaining("not XML");
    assertThatThrownBy(
            () ->
                AuthorizationCode.parse(
                    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><specificPLR>&e;</specificPLR>"))
        .hasMessageContaining("DTDs and entities are not accepted");
    assertThatThrownBy(
            () -> AuthorizationCode.parse("<specificPLR><udi>P:A,S:B</udi></specificPLR>"))
        .hasMessageContaining("has no <authorizationCode>");
    assertThatThrownBy(() -> AuthorizationCode.parse("<" + "a".repeat(70_000) + "/>"))
        .hasMessageContaining("at most 65536");
    assertThatThrownBy(() -> AuthorizationCode.parse("<other/>"))
        .hasMessageContaining("not <specificPLR>");
  }

  @Test
  void returnAndConfirmationCodesHaveTheirFormatsAndBindTheCode() throws Exception {
    ReservationAuthority authority = new ReservationAuthority(T);
    RequestCode request =
        RequestCode.create(ReservationType.UNIVERSAL, HW, "1.0.0", new SplittableRandom(5));
    AuthorizationCode code = authority.authorize(request, T, List.of());
    AuthorizationCode other = authority.authorize(request, T.plusSeconds(1), List.of());
    ReturnCode r = ReturnCode.create(code, new SplittableRandom(9));
    assertThat(r.text())
        .matches(
            "[9A-J][1-9A-HJ-NP-Za-km-z]{5}-([1-9A-HJ-NP-Za-km-z]{6}-){7}[1-9A-HJ-NP-Za-km-z]{3}");
    assertThat(ReturnCode.parse(r.text()).matches(code)).isTrue();
    assertThat(r.matches(other)).isFalse();
    assertThatThrownBy(() -> ReturnCode.parse("abc-def"))
        .hasMessageContaining("nine dash-separated groups");
    assertThatThrownBy(() -> ReturnCode.parse(r.text().replace(r.text().charAt(0), '0')))
        .hasMessageContaining("not a Base58 character");
    String firstDigit = r.text().substring(0, 1);
    String zeroVersion = r.text().replaceFirst(firstDigit, "1");
    assertThatThrownBy(() -> ReturnCode.parse(zeroVersion)).hasMessageContaining("version 1");
    assertThat(ConfirmationCode.parse(" 0A1B2C3D\n")).isEqualTo("0a1b2c3d");
    assertThatThrownBy(() -> ConfirmationCode.parse("0a1b2c3")).hasMessageContaining("17488c1f");
    assertThatThrownBy(() -> ConfirmationCode.parse("0a1b2c3g"))
        .hasMessageContaining("8 hexadecimal");
    assertThat(ConfirmationCode.of(code))
        .matches("[0-9a-f]{8}")
        .isNotEqualTo(ConfirmationCode.of(other));
  }
}
