package org.opensmartagent.samples.emailgateway;

import org.opensmartagent.core.EntitlementTag;

/** One stage of the mail pipeline, in processing order, and the entitlement that licenses it. */
public enum Stage {
  ACCEPT("accept", GatewayLicenses.MAIL_HANDLING),
  BOUNCE_VERIFICATION("bounce-verify", GatewayLicenses.BOUNCE_VERIFICATION),
  ANTI_SPAM("anti-spam", GatewayLicenses.ANTI_SPAM),
  ANTI_MALWARE("anti-malware", GatewayLicenses.ANTI_MALWARE),
  OUTBREAK_FILTERS("outbreak", GatewayLicenses.OUTBREAK_FILTERS),
  DLP("dlp", GatewayLicenses.DLP),
  DELIVER("deliver", GatewayLicenses.MAIL_HANDLING);

  private final String label;
  private final EntitlementTag license;

  Stage(String label, EntitlementTag license) {
    this.label = label;
    this.license = license;
  }

  /** The short name the gateway's log prints. */
  public String label() {
    return label;
  }

  /** The entitlement whose gate decides whether this stage runs. */
  public EntitlementTag license() {
    return license;
  }
}
