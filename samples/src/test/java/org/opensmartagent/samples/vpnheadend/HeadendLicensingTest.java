package org.opensmartagent.samples.vpnheadend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.samples.lab.Lab;

class HeadendLicensingTest {
  private Lab lab;
  private SmartAgent agent;

  @BeforeEach
  void start() throws Exception {
    lab = Lab.start("acme", "vpn");
    agent = lab.agent(HeadendLicensing.POLICY, Udi.of("VPN-HE1000", "FTX0009"), e -> {});
    agent.enable();
  }

  @AfterEach
  void stop() {
    lab.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = VpnLicense.class,
      names = {"PLUS", "APEX"})
  void vpnOnlyNeverCoexistsWithATierAndNothingIsRequested(VpnLicense tier) {
    assertThatThrownBy(
            () -> HeadendLicensing.configure(agent, EnumSet.of(tier, VpnLicense.VPN_ONLY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VPN Only cannot coexist with Plus or Apex on the same headend")
        .hasMessageContaining(tier.displayName());
    assertThat(agent.status().entitlements())
        .extracting(e -> e.mode())
        .containsOnly(EnforcementMode.INITIALIZED);
  }

  @Test
  void anEmptyConfigurationIsRefused() {
    assertThatThrownBy(() -> HeadendLicensing.configure(agent, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
  }

  @Test
  void apexCoversPlusFeaturesButPlusDoesNotCoverApexFeatures() {
    HeadendLicensing apex = HeadendLicensing.configure(agent, EnumSet.of(VpnLicense.APEX));
    assertThat(apex.licenseFor(VpnFeature.FULL_TUNNEL)).isEqualTo(VpnLicense.APEX);
    HeadendLicensing plus = HeadendLicensing.configure(agent, EnumSet.of(VpnLicense.PLUS));
    assertThatThrownBy(() -> plus.licenseFor(VpnFeature.POSTURE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a VPN Apex license");
    HeadendLicensing both =
        HeadendLicensing.configure(agent, EnumSet.of(VpnLicense.PLUS, VpnLicense.APEX));
    assertThat(both.licenseFor(VpnFeature.FULL_TUNNEL)).isEqualTo(VpnLicense.PLUS);
    assertThat(both.licenseFor(VpnFeature.POSTURE)).isEqualTo(VpnLicense.APEX);
  }

  @Test
  void usersAreCountedOnceAndTheLicenseIsReleasedWhenTheLastOneLeaves() {
    Headend headend =
        new Headend("hq", HeadendLicensing.configure(agent, EnumSet.of(VpnLicense.APEX)));
    Headend.Session a1 = headend.connect("alice", VpnFeature.FULL_TUNNEL);
    Headend.Session a2 = headend.connect("alice", VpnFeature.POSTURE);
    assertThat(agent.status().entitlement(VpnLicense.APEX.tag()).orElseThrow().count())
        .isEqualTo(1);
    headend.disconnect(a1);
    headend.disconnect(a2);
    assertThat(headend.licensing().inUse(VpnLicense.APEX)).isZero();
    assertThat(agent.status().entitlement(VpnLicense.APEX.tag()).orElseThrow().mode())
        .isEqualTo(EnforcementMode.INITIALIZED);
    assertThatThrownBy(() -> headend.disconnect(a1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not open on hq");
  }
}
