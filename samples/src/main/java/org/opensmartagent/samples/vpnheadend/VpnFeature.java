package org.opensmartagent.samples.vpnheadend;

/** What a VPN session uses, and the lowest tier that licenses it. */
public enum VpnFeature {
  /** A full-tunnel remote access session: a Plus feature. */
  FULL_TUNNEL("full tunnel", VpnLicense.PLUS),
  /** A session with posture assessment: an Apex feature. */
  POSTURE("posture assessment", VpnLicense.APEX);

  private final String label;
  private final VpnLicense tier;

  VpnFeature(String label, VpnLicense tier) {
    this.label = label;
    this.tier = tier;
  }

  /** The lowest tier that licenses this feature (Plus or Apex). */
  public VpnLicense tier() {
    return tier;
  }

  @Override
  public String toString() {
    return label;
  }
}
