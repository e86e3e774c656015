package org.opensmartagent.core;

import java.util.Objects;

/**
 * One licensable feature of a product, as the firmware declares it. Immutable.
 *
 * <p>A <em>base</em> entitlement (e.g. mail handling on an email gateway) is always in use: it is
 * requested when smart licensing is enabled, can never be released, and has no evaluation or
 * out-of-compliance state.
 */
public record EntitlementDefinition(
    EntitlementTag tag,
    String displayName,
    String description,
    String version,
    CountUnit unit,
    boolean base,
    GatingMode gating) {

  public EntitlementDefinition {
    Objects.requireNonNull(tag, "tag == null");
    Objects.requireNonNull(displayName, "displayName == null");
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(unit, "unit == null");
    Objects.requireNonNull(gating, "gating == null");
    if (displayName.isBlank()) {
      throw new IllegalArgumentException("displayName of " + tag + " is blank");
    }
  }

  /** A feature counted per device, report-only, version 1.0, named after its tag. */
  public static EntitlementDefinition feature(String tag, String displayName) {
    return new EntitlementDefinition(
        EntitlementTag.parse(tag),
        displayName,
        displayName,
        "1.0",
        CountUnit.DEVICES,
        false,
        GatingMode.REPORT_ONLY);
  }

  /** An always-on base entitlement. */
  public static EntitlementDefinition base(String tag, String displayName) {
    return feature(tag, displayName).asBase();
  }

  public EntitlementDefinition asBase() {
    return new EntitlementDefinition(tag, displayName, description, version, unit, true, gating);
  }

  public EntitlementDefinition withGating(GatingMode mode) {
    return new EntitlementDefinition(tag, displayName, description, version, unit, base, mode);
  }

  public EntitlementDefinition withUnit(CountUnit countUnit) {
    return new EntitlementDefinition(
        tag, displayName, description, version, countUnit, base, gating);
  }

  public EntitlementDefinition withDescription(String text) {
    return new EntitlementDefinition(tag, displayName, text, version, unit, base, gating);
  }

  public EntitlementDefinition withVersion(String text) {
    return new EntitlementDefinition(tag, displayName, description, text, unit, base, gating);
  }
}
