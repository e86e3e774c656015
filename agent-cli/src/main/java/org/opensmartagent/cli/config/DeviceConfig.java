package org.opensmartagent.cli.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.LicensingEnvironment;

/**
 * What {@code license_smart enable} writes to the state directory: who the device is, what it
 * licenses, what it trusts and how it reaches the license server. Immutable.
 *
 * @param product a built-in profile name, or empty when {@code productFile} is given
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
    boolean versionPrivacy) {

  public DeviceConfig {
    udis = List.copyOf(udis);
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
        versionPrivacy);
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
        version);
  }
}
