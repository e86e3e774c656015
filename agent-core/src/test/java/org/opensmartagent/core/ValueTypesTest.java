package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void udiParsesLongAndCompactFormsAndPrintsBoth() {
    Udi hw = Udi.parse(" PID:C9300-24UX,SN:FCW2134L0RN ");
    assertThat(hw).isEqualTo(Udi.of("C9300-24UX", "FCW2134L0RN"));
    assertThat(hw.toString()).isEqualTo("PID:C9300-24UX,SN:FCW2134L0RN");
    assertThat(hw.toCompactString()).isEqualTo("P:C9300-24UX,S:FCW2134L0RN");
    Udi sw = Udi.parse("P:ESAV,S:42A1B2C3,U:8e3c2f1a-1b2c-4d5e-8f90-a1b2c3d4e5f6");
    assertThat(sw.uuid()).contains("8e3c2f1a-1b2c-4d5e-8f90-a1b2c3d4e5f6");
    assertThat(Udi.parse(sw.toString())).isEqualTo(sw);
    assertThat(Udi.parse(sw.toCompactString())).isEqualTo(sw);
  }

  @Test
  void udiRefusesMalformedTextSayingWhatIsExpected() {
    assertThatThrownBy(() -> Udi.parse("C9300"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PID:<product id>,SN:<serial>");
    assertThatThrownBy(() -> Udi.parse("PID:A,XX:B")).hasMessageContaining("'SN:' or 'S:'");
    assertThatThrownBy(() -> Udi.parse("PID:A B,SN:C")).hasMessageContaining("product ID");
    assertThatThrownBy(() -> Udi.parse("P:A,S:B,U:not-a-uuid")).hasMessageContaining("UUID");
    assertThatThrownBy(() -> Udi.parse("PID:,SN:B")).hasMessageContaining("1 to 64");
  }

  @Test
  void entitlementTagsParseTheSoftwareIdGrammarAndShortTags() {
    EntitlementTag full =
        EntitlementTag.parse(
            "regid.2016-07.com.cisco.ESA_Anti_Malware,1.0_a8f4d8c3-7f2b-4f6e-9c55-5f3e1e6f1a01");
    EntitlementTag.Parts parts = full.parts().orElseThrow();
    assertThat(parts.registered()).isEqualTo(YearMonth.of(2016, 7));
    assertThat(parts.vendor()).isEqualTo("cisco");
    assertThat(parts.name()).isEqualTo("ESA_Anti_Malware");
    assertThat(parts.version()).isEqualTo("1.0");
    assertThat(full.name()).isEqualTo("ESA_Anti_Malware");
    EntitlementTag shortTag = EntitlementTag.parse("ESA_Anti_Malware");
    assertThat(shortTag.parts()).isEmpty();
    assertThat(shortTag.name()).isEqualTo("ESA_Anti_Malware");
    assertThat(shortTag).isNotEqualTo(full).isEqualTo(EntitlementTag.parse("ESA_Anti_Malware"));
  }

  @Test
  void malformedTagsAreRefusedWithTheGrammar() {
    assertThatThrownBy(
            () ->
                EntitlementTag.parse(
                    "regid.2016-13.com.x.Y,1.0_a8f4d8c3-7f2b-4f6e-9c55-5f3e1e6f1a01"))
        .hasMessageContaining("not a valid YYYY-MM");
    assertThatThrownBy(() -> EntitlementTag.parse("regid.2016-07.com.cisco.ESA,1.0"))
        .hasMessageContaining("regid.<YYYY-MM>.com.<vendor>.<Name>,<version>_<UUID>");
    assertThatThrownBy(() -> EntitlementTag.parse("has space")).hasMessageContaining("short tag");
    assertThatThrownBy(() -> EntitlementTag.parse("x".repeat(300)))
        .hasMessageContaining("at most 256");
  }

  @Test
  void licenseTermsArePerpetualOrBounded() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    LicenseTerm term = LicenseTerm.term(start, start.plus(Duration.ofDays(365)));
    assertThat(term.isActiveAt(start)).isTrue();
    assertThat(term.isActiveAt(start.minusSeconds(1))).isFalse();
    assertThat(term.isActiveAt(start.plus(Duration.ofDays(365)))).isFalse();
    assertThat(LicenseTerm.perpetual().isActiveAt(Instant.MAX)).isTrue();
    assertThatThrownBy(() -> LicenseTerm.term(start, start))
        .hasMessageContaining("after its start");
  }

  @Test
  void requestsCountSomethingPositive() {
    EntitlementTag plus = EntitlementTag.parse("AnyConnect_Plus");
    assertThat(new EntitlementRequest(plus, 250, CountUnit.USERS).count()).isEqualTo(250);
    assertThatThrownBy(() -> new EntitlementRequest(plus, 0, CountUnit.USERS))
        .hasMessageContaining("release it instead");
  }

  @Test
  void policyDefaultsMatchRealDevicesAndBuildersCheckTheirArguments() {
    ProductPolicy p = ProductPolicy.builder().build();
    assertThat(p.evaluationPeriod()).isEqualTo(Duration.ofDays(90));
    assertThat(p.evaluationNotices())
        .containsExactly(
            Duration.ofDays(90),
            Duration.ofDays(60),
            Duration.ofDays(30),
            Duration.ofDays(15),
            Duration.ofDays(5),
            Duration.ofDays(1));
    assertThat(p.idCertRenewal()).isEqualTo(Duration.ofDays(180));
    assertThat(p.idCertValidity()).isEqualTo(Duration.ofDays(365));
    assertThat(p.authorizationRenewal()).isEqualTo(Duration.ofDays(30));
    assertThat(p.communicationDeadline()).isEqualTo(Duration.ofDays(90));
    assertThat(p.registrationLoss()).isEqualTo(Duration.ofDays(365));
    assertThat(p.outOfComplianceGrace()).isEqualTo(Duration.ofDays(30));
    assertThat(p.clockSkewTolerance()).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> ProductPolicy.builder().authorizationRenewal(Duration.ZERO))
        .hasMessageContaining("authorizationRenewal must be positive");
    assertThatThrownBy(
            () -> ProductPolicy.builder().authorizationRenewal(Duration.ofDays(100)).build())
        .hasMessageContaining("shorter than communicationDeadline");
    EntitlementDefinition dlp = EntitlementDefinition.feature("DLP", "Data Loss Prevention");
    assertThatThrownBy(() -> ProductPolicy.builder().entitlement(dlp).entitlement(dlp))
        .hasMessageContaining("declared twice");
    ProductPolicy changed = Fixtures.defaultPolicy().newBuilder().noEvaluation().build();
    assertThat(changed.entitlements()).isEqualTo(Fixtures.defaultPolicy().entitlements());
    assertThat(changed.hasEvaluation()).isFalse();
  }
}
