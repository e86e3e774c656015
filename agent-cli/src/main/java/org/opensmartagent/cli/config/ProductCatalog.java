package org.opensmartagent.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.ProductPolicy;

/**
 * The products the shell knows: the built-in {@code email-gateway} catalogue, or a custom one from
 * a properties file:
 *
 * <pre>
 * product.name = My Appliance
 * entitlement.1.tag = MY_Base
 * entitlement.1.name = Base
 * entitlement.1.base = true
 * entitlement.2.tag = MY_Feature
 * entitlement.2.name = Feature
 * entitlement.2.description = optional, defaults to the name
 * entitlement.2.version = optional, defaults to 1.0
 * entitlement.2.unit = DEVICES | USERS | CONNECTIONS (optional)
 * conversion.classic-licenses = MY_Feature (optional: classic licenses this device holds, converted
 *     at registration: Device Led Conversion)
 * </pre>
 */
public final class ProductCatalog {
  /** The name of the built-in email gateway profile. */
  public static final String EMAIL_GATEWAY = "email-gateway";

  private static final String CLASSIC = "conversion.classic-licenses";

  private ProductCatalog() {}

  /**
   * The built-in email gateway, with the feature names the real appliance prints (SUMMARY and
   * REQUESTSMART_LICENSE): Mail Handling is its one base license, available by default, never in
   * evaluation and never out of compliance (as the vendor documents it); the fourteen others are
   * features an operator requests.
   */
  public static ProductPolicy emailGateway() {
    ProductPolicy.Builder b =
        ProductPolicy.builder()
            .productName("Email Security Appliance")
            .entitlement(EntitlementDefinition.base("ESA_Mail_Handling", "Mail Handling"));
    String[][] features = {
      {"ESA_Anti_Malware", "Sophos Anti-Malware"},
      {"ESA_Bounce_Verification", "Bounce Verification"},
      {"ESA_Outbreak_Filters", "Outbreak Filters"},
      {"ESA_Advanced_Malware_Protection", "Advanced Malware Protection"},
      {"ESA_AMP_Reputation", "Advanced Malware Protection Reputation"},
      {"ESA_Anti_Spam", "Anti-Spam License"},
      {"ESA_Cloudmark_Anti_Spam", "Cloudmark Anti-Spam"},
      {"ESA_PXE_Encryption", "PXE Encryption"},
      {"ESA_Graymail_Safe_Unsubscribe", "Graymail Safe-unsubscribe"},
      {"ESA_Image_Analyzer", "Image Analyzer"},
      {"ESA_Intelligent_Multi_Scan", "Intelligent Multi-Scan"},
      {"ESA_McAfee_Anti_Malware", "McAfee Anti-Malware"},
      {"ESA_Data_Loss_Prevention", "Data Loss Prevention"},
      {"ESA_External_Threat_Feeds", "External Threat Feeds"}
    };
    for (String[] f : features) {
      b.entitlement(EntitlementDefinition.feature(f[0], "Email Security Appliance " + f[1]));
    }
    return b.build();
  }

  /**
   * The named built-in profile.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static ProductPolicy builtIn(String name) {
    if (EMAIL_GATEWAY.equals(name)) {
      return emailGateway();
    }
    throw new IllegalArgumentException(
        "unknown product profile '"
            + name
            + "'; the built-in one is "
            + EMAIL_GATEWAY
            + ", or give your own with --product-file");
  }

  /**
   * Reads a product file.
   *
   * @throws IllegalArgumentException saying which line is missing or wrong
   */
  public static ProductPolicy fromFile(Path file) {
    Properties p = load(file);
    ProductPolicy.Builder b = ProductPolicy.builder().productName(required(p, "product.name"));
    int n = 0;
    for (int i = 1; p.containsKey("entitlement." + i + ".tag"); i++) {
      b.entitlement(entitlement(p, "entitlement." + i + "."));
      n++;
    }
    if (n == 0) {
      throw new IllegalArgumentException(
          "the product file " + file + " declares no entitlement; add entitlement.1.tag and so on");
    }
    return b.build();
  }

  /**
   * The classic licenses a product file names for Device Led Conversion ({@code
   * conversion.classic-licenses}, comma-separated tags); empty when it names none.
   *
   * @throws IllegalArgumentException when the file can't be read or a tag is malformed
   */
  public static List<EntitlementTag> classicLicenses(Path file) {
    Properties p = load(file);
    List<EntitlementTag> tags = new ArrayList<>();
    for (String part : p.getProperty(CLASSIC, "").split(",")) {
      if (!part.isBlank()) {
        try {
          tags.add(EntitlementTag.parse(part.trim()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "the product file "
                  + file
                  + " has a malformed tag in "
                  + CLASSIC
                  + ": "
                  + part.trim(),
              e);
        }
      }
    }
    return tags;
  }

  private static Properties load(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the product file " + file + ": " + FileProblems.why(e), e);
    }
    return p;
  }

  private static EntitlementDefinition entitlement(Properties p, String prefix) {
    String name = required(p, prefix + "name");
    EntitlementDefinition d =
        EntitlementDefinition.feature(required(p, prefix + "tag"), name)
            .withDescription(p.getProperty(prefix + "description", name).trim())
            .withVersion(p.getProperty(prefix + "version", "1.0").trim());
    String unit = p.getProperty(prefix + "unit", "DEVICES").trim().toUpperCase(Locale.ROOT);
    try {
      d = d.withUnit(CountUnit.valueOf(unit));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          prefix + "unit must be DEVICES, USERS or CONNECTIONS; got '" + unit + "'", e);
    }
    return Boolean.parseBoolean(p.getProperty(prefix + "base", "false").trim()) ? d.asBase() : d;
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key, "").trim();
    if (v.isEmpty()) {
      throw new IllegalArgumentException("the product file needs a value for " + key);
    }
    return v;
  }
}
