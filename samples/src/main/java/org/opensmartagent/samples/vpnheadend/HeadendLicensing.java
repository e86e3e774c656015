package org.opensmartagent.samples.vpnheadend;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.SmartAgent;

/**
 * The headend's licensing configuration and the counts it reports. <b>Copy this class:</b> it holds
 * the product rules the agent does not know.
 *
 * <ul>
 *   <li>Coexistence: VPN Only cannot coexist with Plus or Apex on the same headend. {@link
 *       #configure} refuses such a configuration before anything is requested.
 *   <li>Tiers: a session counts under the lowest configured license that {@linkplain
 *       VpnLicense#covers covers} its feature, so on an Apex-only headend a Plus feature is
 *       authorized by Apex.
 *   <li>Counting: Plus and Apex report the number of unique users with a session, VPN Only the
 *       number of open sessions. A count that drops to zero releases the license.
 * </ul>
 *
 * <p>Thread-safe: {@link #opened} and {@link #closed} are serialized; the agent call they make is a
 * local state change, never a network call.
 */
public final class HeadendLicensing {
  /** The headend's product policy: the three licenses, report-only, default timers. */
  public static final ProductPolicy POLICY =
      ProductPolicy.builder()
          .productName("VPN Headend")
          .entitlement(VpnLicense.PLUS.definition())
          .entitlement(VpnLicense.APEX.definition())
          .entitlement(VpnLicense.VPN_ONLY.definition())
          .build();

  private final SmartAgent agent;
  private final Set<VpnLicense> configured;
  private final Map<VpnLicense, Map<String, Integer>> sessions = new EnumMap<>(VpnLicense.class);

  private HeadendLicensing(SmartAgent agent, Set<VpnLicense> configured) {
    this.agent = agent;
    this.configured = configured;
    configured.forEach(l -> sessions.put(l, new HashMap<>()));
  }

  /**
   * Checks {@code licenses} against the coexistence rules and returns the configuration. Requests
   * nothing: counts are requested as users connect.
   *
   * @throws IllegalArgumentException when {@code licenses} is empty or mixes VPN Only with Plus or
   *     Apex; the message says which configurations are valid
   */
  public static HeadendLicensing configure(SmartAgent agent, Set<VpnLicense> licenses) {
    Objects.requireNonNull(agent, "agent == null");
    Objects.requireNonNull(licenses, "licenses == null");
    if (licenses.isEmpty()) {
      throw new IllegalArgumentException(
          "Configure at least one VPN license: VPN Only alone, or Plus and/or Apex");
    }
    Set<VpnLicense> set = EnumSet.copyOf(licenses);
    if (set.contains(VpnLicense.VPN_ONLY) && set.size() > 1) {
      throw new IllegalArgumentException(
          "VPN Only cannot coexist with Plus or Apex on the same headend (configured: "
              + set.stream().map(VpnLicense::displayName).collect(Collectors.joining(", "))
              + "). Configure VPN Only alone, or Plus and/or Apex without VPN Only.");
    }
    return new HeadendLicensing(agent, set);
  }

  /** The configured licenses. */
  public Set<VpnLicense> configured() {
    return EnumSet.copyOf(configured);
  }

  /**
   * The license a session with {@code feature} counts under: the lowest configured one that covers
   * it.
   *
   * @throws IllegalStateException when no configured license covers {@code feature}
   */
  public VpnLicense licenseFor(VpnFeature feature) {
    Objects.requireNonNull(feature, "feature == null");
    return configured.stream()
        .filter(l -> l.covers(feature))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "A "
                        + feature
                        + " session needs a "
                        + feature.tier().displayName()
                        + " license; this headend is configured for "
                        + configured.stream()
                            .map(VpnLicense::displayName)
                            .collect(Collectors.joining(", "))));
  }

  /** Counts a new session of {@code user} under {@code license} and reports the new count. */
  synchronized void opened(String user, VpnLicense license) {
    sessions.get(license).merge(user, 1, Integer::sum);
    report(license);
  }

  /** Stops counting one session of {@code user} under {@code license}. */
  synchronized void closed(String user, VpnLicense license) {
    sessions.get(license).computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
    report(license);
  }

  /** What is reported for {@code license}: unique users, or open connections. */
  public synchronized long inUse(VpnLicense license) {
    Map<String, Integer> open = sessions.getOrDefault(license, Map.of());
    return switch (license.unit()) {
      case CONNECTIONS -> open.values().stream().mapToLong(Integer::longValue).sum();
      default -> open.size();
    };
  }

  private void report(VpnLicense license) {
    long count = inUse(license);
    if (count == 0) {
      agent.release(license.tag());
    } else {
      agent.request(new EntitlementRequest(license.tag(), count, license.unit()));
    }
  }
}
