package org.opensmartagent.core.identity.internal;

/**
 * Every object identifier this project defines, in one place. All live under the UUID arc {@code
 * 2.25} (ITU-T X.667), so they need no registration and cannot collide; each is the decimal value
 * of a random UUID, given next to it.
 */
public final class LicensingOids {
  /**
   * Certificate policy marking production licensing certificates. UUID {@code
   * c80e591a-81d2-4b77-af8b-5d1b99308e85}.
   */
  public static final String PRODUCTION_POLICY = "2.25.265920098547567409611472000080713649797";

  /**
   * Certificate policy marking development (lab) licensing certificates. UUID {@code
   * df51b42d-ed2f-445f-a40d-1287fe226b82}.
   */
  public static final String DEVELOPMENT_POLICY = "2.25.296842073577978620864394762829370125186";

  /**
   * Type of the subject-alternative-name {@code otherName} entries that list a device's UDIs (a
   * UTF8String each, primary UDI first). UUID {@code d11f1aeb-28ba-44ef-808d-eaabfa42f297}.
   */
  public static final String UDI_OTHER_NAME = "2.25.277970158295534469023188588657033540247";

  private LicensingOids() {}
}
