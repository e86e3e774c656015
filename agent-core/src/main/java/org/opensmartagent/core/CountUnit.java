package org.opensmartagent.core;

/** What an entitlement's count counts. */
public enum CountUnit {
  /** One per device (the usual count of 1). */
  DEVICES,
  /** Total authorized unique users (e.g. VPN Plus and Apex tiers). */
  USERS,
  /** Simultaneous connections (e.g. VPN Only per headend). */
  CONNECTIONS
}
