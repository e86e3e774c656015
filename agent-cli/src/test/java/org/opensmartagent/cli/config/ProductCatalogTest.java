package org.opensmartagent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.ProductPolicy;

/** The built-in catalogue and product files. */
class ProductCatalogTest {
  @TempDir Path tmp;

  @Test
  void theEmailGatewayHasTheRealFeatureNamesAndMailHandlingAsItsBase() {
    ProductPolicy p = ProductCatalog.builtIn("email-gateway");
    assertThat(p.productName()).isEqualTo("Email Security Appliance");
    assertThat(p.entitlements().stream().filter(e -> e.base()).map(e -> e.displayName()))
        .containsExactly("Mail Handling");
    // shared/reference/screens.md, section 0: the real feature names on the email gateway
    assertThat(p.entitlements().stream().map(e -> e.displayName()))
        .containsExactlyInAnyOrder(
            "Mail Handling",
            "Email Security Appliance Sophos Anti-Malware",
            "Email Security Appliance Bounce Verification",
            "Email Security Appliance Outbreak Filters",
            "Email Security Appliance Advanced Malware Protection",
            "Email Security Appliance Advanced Malware Protection Reputation",
            "Email Security Appliance Anti-Spam License",
            "Email Security Appliance Cloudmark Anti-Spam",
            "Email Security Appliance PXE Encryption",
            "Email Security Appliance Graymail Safe-unsubscribe",
            "Email Security Appliance Image Analyzer",
            "Email Security Appliance Intelligent Multi-Scan",
            "Email Security Appliance McAfee Anti-Malware",
            "Email Security Appliance Data Loss Prevention",
            "Email Security Appliance External Threat Feeds");
    assertThatThrownBy(() -> ProductCatalog.builtIn("router"))
        .hasMessageContaining("--product-file");
  }

  @Test
  void aProductFileDeclaresItsOwnLicenses() throws Exception {
    Path f =
        Files.writeString(
            tmp.resolve("p.properties"),
            "product.name=Router\nentitlement.1.tag=RT_Base\nentitlement.1.name=Base\nentitlement.1.base=true\n"
                + "entitlement.2.tag=RT_VPN\nentitlement.2.name=VPN\nentitlement.2.unit=users\n");
    ProductPolicy p = ProductCatalog.fromFile(f);
    assertThat(p.productName()).isEqualTo("Router");
    assertThat(p.entitlements().get(0).base()).isTrue();
    assertThat(p.entitlements().get(1).unit()).isEqualTo(CountUnit.USERS);
    Path bad = Files.writeString(tmp.resolve("bad.properties"), "product.name=X\n");
    assertThatThrownBy(() -> ProductCatalog.fromFile(bad)).hasMessageContaining("no entitlement");
  }
}
