package org.opensmartagent.samples.emailgateway;

import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.GatingMode;
import org.opensmartagent.core.ProductPolicy;

/**
 * What the email gateway licenses, declared once at startup. <b>Copy this shape:</b> one tag
 * constant per licensable feature and one {@link ProductPolicy} that declares them.
 *
 * <p>Mail handling and bounce verification are base entitlements: always on, never released, no
 * evaluation or out-of-compliance state. The four security features are counted by protected
 * mailbox users, run under the 90-day evaluation and get the 30-day out-of-compliance grace.
 * Anti-Malware and DLP stop when the grace (or the evaluation) has run out ({@link
 * GatingMode#DENY_WHEN_EXPIRED}); Anti-Spam and Outbreak Filters only report ({@link
 * GatingMode#REPORT_ONLY}, the vendor's recommendation).
 */
public final class GatewayLicenses {
  public static final EntitlementTag MAIL_HANDLING = EntitlementTag.parse("ESA_Mail_Handling");
  public static final EntitlementTag BOUNCE_VERIFICATION =
      EntitlementTag.parse("ESA_Bounce_Verification");
  public static final EntitlementTag ANTI_MALWARE = EntitlementTag.parse("ESA_Anti_Malware");
  public static final EntitlementTag ANTI_SPAM = EntitlementTag.parse("ESA_Anti_Spam");
  public static final EntitlementTag DLP = EntitlementTag.parse("ESA_Data_Loss_Prevention");
  public static final EntitlementTag OUTBREAK_FILTERS =
      EntitlementTag.parse("ESA_Outbreak_Filters");

  /** The features an operator requests; the base entitlements are requested by the agent. */
  public static final java.util.List<EntitlementTag> FEATURES =
      java.util.List.of(ANTI_SPAM, ANTI_MALWARE, OUTBREAK_FILTERS, DLP);

  /** The email gateway's product policy: default timers (90-day evaluation, 30-day grace). */
  public static final ProductPolicy POLICY =
      ProductPolicy.builder()
          .productName("Email Security Appliance")
          .entitlement(EntitlementDefinition.base(MAIL_HANDLING.value(), "Mail Handling"))
          .entitlement(
              EntitlementDefinition.base(BOUNCE_VERIFICATION.value(), "Bounce Verification"))
          .entitlement(perUser(ANTI_SPAM, "Anti-Spam", GatingMode.REPORT_ONLY))
          .entitlement(perUser(ANTI_MALWARE, "Anti-Malware", GatingMode.DENY_WHEN_EXPIRED))
          .entitlement(perUser(OUTBREAK_FILTERS, "Outbreak Filters", GatingMode.REPORT_ONLY))
          .entitlement(perUser(DLP, "Data Loss Prevention", GatingMode.DENY_WHEN_EXPIRED))
          .build();

  private GatewayLicenses() {}

  private static EntitlementDefinition perUser(EntitlementTag tag, String name, GatingMode mode) {
    return EntitlementDefinition.feature(tag.value(), name)
        .withUnit(CountUnit.USERS)
        .withGating(mode);
  }
}
