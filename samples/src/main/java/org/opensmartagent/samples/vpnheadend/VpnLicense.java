package org.opensmartagent.samples.vpnheadend;

import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementTag;

/**
 * The VPN headend's licenses. Plus and Apex are tiers counted by unique users (Apex includes
 * everything in Plus); VPN Only is counted by simultaneous connections on one headend. All are
 * report-only: a headend never refuses a user for want of licenses, it reports.
 */
public enum VpnLicense {
  PLUS("VPN_Plus", "VPN Plus", CountUnit.USERS),
  APEX("VPN_Apex", "VPN Apex", CountUnit.USERS),
  VPN_ONLY("VPN_Only", "VPN Only", CountUnit.CONNECTIONS);

  private final EntitlementTag tag;
  private final String displayName;
  private final CountUnit unit;

  VpnLicense(String tag, String displayName, CountUnit unit) {
    this.tag = EntitlementTag.parse(tag);
    this.displayName = displayName;
    this.unit = unit;
  }

  public EntitlementTag tag() {
    return tag;
  }

  public String displayName() {
    return displayName;
  }

  /** What this license counts: {@link CountUnit#USERS} or {@link CountUnit#CONNECTIONS}. */
  public CountUnit unit() {
    return unit;
  }

  /**
   * Whether this license authorizes {@code feature}: Plus covers Plus features; Apex covers Apex
   * and Plus features; VPN Only covers every feature on its headend.
   */
  public boolean covers(VpnFeature feature) {
    return switch (this) {
      case PLUS -> feature.tier() == PLUS;
      case APEX, VPN_ONLY -> true;
    };
  }

  /** The entitlement the firmware declares for this license (report-only). */
  EntitlementDefinition definition() {
    return EntitlementDefinition.feature(tag.value(), displayName).withUnit(unit);
  }

  @Override
  public String toString() {
    return displayName;
  }
}
