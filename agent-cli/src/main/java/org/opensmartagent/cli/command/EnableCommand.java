package org.opensmartagent.cli.command;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.LicenseSmart;
import org.opensmartagent.cli.config.ConfigFile;
import org.opensmartagent.cli.config.DeviceConfig;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.config.ProductCatalog;
import org.opensmartagent.cli.config.TransportConfig;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.cli.render.Times;
import org.opensmartagent.core.AgentListener;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.Cluster;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.testkit.MockServerDirectory;
import org.opensmartagent.transport.TransportKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code enable}: the first time, writes the device's config (identity, product, trust, transport)
 * and enables smart licensing; afterwards just enables it (idempotent).
 */
@Command(name = "enable", description = "Configure the device and enable Smart Licensing.")
public final class EnableCommand implements Callable<Integer> {
  @Mixin TransportOptions transport;
  @Spec CommandSpec spec;

  @Option(
      names = "--udi",
      paramLabel = "PID:..,SN:..",
      description = "The device's UDI; repeat for HA or stack members (primary first).")
  List<String> udis = new ArrayList<>();

  @Option(
      names = "--product",
      paramLabel = "NAME",
      description = "A built-in product profile (default email-gateway).")
  Optional<String> product = Optional.empty();

  @Option(
      names = "--product-file",
      paramLabel = "FILE",
      description = "A custom product catalogue (properties; see docs/cli.md).")
  Optional<Path> productFile = Optional.empty();

  @Option(
      names = "--root",
      paramLabel = "PEM",
      description = "The licensing root certificate to pin.")
  Optional<Path> root = Optional.empty();

  @Option(
      names = "--root-environment",
      paramLabel = "ENV",
      description = "PRODUCTION (default) or DEVELOPMENT.")
  Optional<LicensingEnvironment> environment = Optional.empty();

  @Option(
      names = "--reservation-chain",
      paramLabel = "PEM",
      description =
          "The reservation signing chain (leaf first), for installing authorization codes.")
  Optional<Path> reservationChain = Optional.empty();

  @Option(
      names = "--classic-license",
      paramLabel = "TAG",
      description =
          "A classic (pre-smart) license this device holds, converted to a smart license at"
              + " registration (Device Led Conversion); repeatable.")
  List<String> classicLicenses = new ArrayList<>();

  @Option(
      names = "--mock-cssm",
      paramLabel = "DIR",
      description =
          "Use the mock license server whose files mock-cssm --out-dir wrote to DIR: its root,"
              + " reservation chain, TLS CA and URL (Smart Transport; transport gateway for http).")
  Optional<Path> mockCssm = Optional.empty();

  @Option(
      names = "--cluster-member-dir",
      paramLabel = "DIR",
      description = "Also enable the (already configured) cluster member in DIR (repeatable).")
  List<Path> members = new ArrayList<>();

  public CommonOptions common() {
    return CommonOptions.of(spec);
  }

  @Override
  public Integer call() {
    Io io = ((LicenseSmart) spec.root().userObject()).io();
    Path dir = common().stateDir();
    DeviceConfig config = ConfigFile.exists(dir) ? existing(dir) : fresh(io);
    Result result;
    try (DeviceSession s =
        DeviceSession.open(dir, config, AgentListener.NONE, common().lockWait())) {
      s.agent().enable();
      ConfigFile.save(dir, config);
      result = enabled(s.agent().status());
    }
    if (!members.isEmpty()) {
      result = ClusterRun.run("enable", dir, members, common().lockWait(), Cluster::enableAll);
    }
    return Output.print(io, result, common().json());
  }

  private DeviceConfig existing(Path dir) {
    boolean setup =
        !udis.isEmpty()
            || product.isPresent()
            || productFile.isPresent()
            || root.isPresent()
            || environment.isPresent()
            || reservationChain.isPresent()
            || !classicLicenses.isEmpty()
            || mockCssm.isPresent()
            || transport.changes();
    if (setup) {
      throw new IllegalArgumentException(
          "the device in "
              + dir
              + " is already configured; change transport settings with"
              + " license_smart url, or remove "
              + dir
              + " to start over with a new identity");
    }
    return ConfigFile.load(dir);
  }

  private DeviceConfig fresh(Io io) {
    if (mockCssm.isPresent()) {
      if (root.isPresent() || reservationChain.isPresent()) {
        throw new IllegalArgumentException(
            "--mock-cssm gives the root and the reservation chain; leave out --root and"
                + " --reservation-chain");
      }
      MockServerDirectory.Contents mock = MockServerDirectory.read(mockCssm.get());
      root = Optional.of(mock.rootPem());
      reservationChain = Optional.of(mock.reservationChainPem());
      return configure(io, mockTransport(mock));
    }
    return configure(io, TransportConfig.defaults());
  }

  private static TransportConfig mockTransport(MockServerDirectory.Contents mock) {
    if (mock.smartTransportUrl().isPresent()) {
      return TransportConfig.defaults()
          .withKind(TransportKind.SMART_TRANSPORT, mock.smartTransportUrl().map(URI::toString))
          .withTrustedCa(mock.tlsCaPem());
    }
    return TransportConfig.defaults()
        .withKind(
            TransportKind.TRANSPORT_GATEWAY, Optional.of(mock.transportGatewayUrl().toString()));
  }

  private DeviceConfig configure(Io io, TransportConfig transportDefaults) {
    if (udis.isEmpty() || root.isEmpty()) {
      throw new IllegalArgumentException(
          "the first enable needs the device's identity and trust: --udi PID:<pid>,SN:<serial>"
              + " --root <licensing-root.pem> (or --mock-cssm DIR for a mock server)");
    }
    if (product.isPresent() && productFile.isPresent()) {
      throw new IllegalArgumentException("give either --product or --product-file, not both");
    }
    List<Udi> parsed = udis.stream().map(Udi::parse).toList();
    DeviceConfig base =
        new DeviceConfig(
            parsed,
            productFile.isPresent()
                ? Optional.empty()
                : Optional.of(product.orElse(ProductCatalog.EMAIL_GATEWAY)),
            productFile.map(Path::toAbsolutePath),
            root.get().toAbsolutePath(),
            environment.orElse(LicensingEnvironment.PRODUCTION),
            reservationChain.map(Path::toAbsolutePath),
            transportDefaults,
            false,
            false,
            classicLicenses.stream().map(EnableCommand::tag).toList());
    base.allClassicLicenses(); // refuses a tag the product does not have, before anything is saved
    return transport.apply(base, io);
  }

  private static EntitlementTag tag(String text) {
    try {
      return EntitlementTag.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--classic-license needs an entitlement tag such as ESA_Anti_Spam; got '" + text + "'",
          e);
    }
  }

  private static Result enabled(AgentStatus s) {
    String message = "Smart Licensing is ENABLED";
    List<String> lines = new ArrayList<>();
    lines.add(message);
    if (s.evaluation().available()) {
      lines.add("Evaluation Period Remaining: " + Times.format(s.evaluation().remaining()));
    }
    lines.add(
        "Register the product with license_smart register, or reserve licenses offline with enable_reservation.");
    return Result.ok(
            "enable",
            message,
            Result.emptyData()
                .put("enabled", true)
                .put("evaluationRemainingSeconds", s.evaluation().remaining().toSeconds()))
        .withText(lines);
  }
}
