package org.opensmartagent.cli.config;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.LicensingEnvironment;

/**
 * What {@code license_smart enable} writes to the state directory: who the device is, what it
 * licenses, what it trusts and how it reaches the license server. Immutable.
 *
 * @param product a built-in profile name, or empty when {@code productFile} is given
 * @param classicLicenses the classic (pre-smart) licenses this device holds, converted to smart
 *     licenses at registration (Device Led Conversion); the product file may name more
 */
public record DeviceConfig(
    List<Udi> udis,
    Optional<String> product,
    Optional<Path> productFile,
    Path rootPem,
    LicensingEnvironment rootEnvironment,
    Optional<Path> reservationChainPem,
    TransportConfig transport,
    boolean sendHostname,
    boolean versionPrivacy,
    List<EntitlementTag> classicLicenses) {

  public DeviceConfig {
    udis = List.copyOf(udis);
    classicLicenses = List.copyOf(classicLicenses);
    Objects.requireNonNull(product, "product == null");
    Objects.requireNonNull(productFile, "productFile == null");
    Objects.requireNonNull(rootPem, "rootPem == null");
    Objects.requireNonNull(rootEnvironment, "rootEnvironment == null");
    Objects.requireNonNull(reservationChainPem, "reservationChainPem == null");
    Objects.requireNonNull(transport, "transport == null");
    if (udis.isEmpty()) {
      throw new IllegalArgumentException(
          "the device needs a UDI; give --udi PID:<pid>,SN:<serial>");
    }
    if (product.isPresent() == productFile.isPresent()) {
      throw new IllegalArgumentException("give either --product or --product-file, not both");
    }
  }

  /** The product's policy, from the built-in catalogue or the product file. */
  public ProductPolicy policy() {
    return productFile
        .map(ProductCatalog::fromFile)
        .orElseGet(() -> ProductCatalog.builtIn(product.get()));
  }

  /**
   * Every classic license to convert: those given to {@code enable} and those in the product file.
   *
   * @throws IllegalArgumentException naming a tag the product does not have
   */
  public List<EntitlementTag> allClassicLicenses() {
    Set<EntitlementTag> all = new LinkedHashSet<>(classicLicenses);
    productFile.ifPresent(f -> all.addAll(ProductCatalog.classicLicenses(f)));
    ProductPolicy policy = policy();
    for (EntitlementTag t : all) {
      if (policy.entitlement(t).isEmpty()) {
        throw new IllegalArgumentException(
            "the classic license "
                + t.value()
                + " is not one of "
                + policy.productName()
                + "'s licenses; give a tag of the product (license_smart requestsmart_license"
                + " --list shows them)");
      }
    }
    return List.copyOf(all);
  }

  public DeviceConfig withTransport(TransportConfig t) {
    return new DeviceConfig(
        udis,
        product,
        productFile,
        rootPem,
        rootEnvironment,
        reservationChainPem,
        t,
        sendHostname,
        versionPrivacy,
        classicLicenses);
  }

  public DeviceConfig withPrivacy(boolean hostname, boolean version) {
    return new DeviceConfig(
        udis,
        product,
        productFile,
        rootPem,
        rootEnvironment,
        reservationChainPem,
        transport,
        hostname,
        version,
        classicLicenses);
  }
}
