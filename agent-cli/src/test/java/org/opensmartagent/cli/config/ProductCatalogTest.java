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
  void theEmailGatewayHasTwoBaseLicensesAndFourFeatures() {
    ProductPolicy p = ProductCatalog.builtIn("email-gateway");
    assertThat(p.entitlements()).hasSize(6);
    assertThat(p.entitlements().stream().filter(e -> e.base()).map(e -> e.displayName()))
        .containsExactly("Mail Handling", "Bounce Verification");
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
