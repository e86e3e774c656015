package org.opensmartagent.core;

/**
 * What the agent answers when firmware asks whether an entitlement may be used.
 *
 * <p>The vendor's guidance is to report compliance rather than cut features, so {@link
 * #REPORT_ONLY} is the default; denial is a product's explicit choice.
 */
public enum GatingMode {
  /** Always allowed; the state is reported, never enforced. */
  REPORT_ONLY,
  /**
   * Denied once the evaluation period, the out-of-compliance grace period or the authorization has
   * expired, when a reservation does not cover it, and while it is not requested.
   */
  DENY_WHEN_EXPIRED
}
