package org.opensmartagent.cli.mock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.LicenseSmart;
import org.opensmartagent.cli.command.DurationConverter;
import org.opensmartagent.testkit.MockLicenseServer;
import org.opensmartagent.transport.TransportKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mock-cssm}: serves the mock license server on loopback until Ctrl-C, writing the licensing
 * root (for {@code enable --root}) and, for https, the TLS CA (for {@code --trusted-ca} and the
 * admin subcommands' {@code --tls-ca}) into {@code --out-dir}.
 */
@Command(
    name = "mock-cssm",
    description = "Serve a mock license server on this machine, or administer a running one.",
    subcommands = {
      AdminCommands.CreateAccount.class,
      AdminCommands.CreateToken.class,
      AdminCommands.AddLicense.class,
      AdminCommands.ListInstances.class
      // reservation admin (reserve) goes here, as another AdminCommands.AdminCommand
    })
public final class MockCssmCommand implements Callable<Integer> {
  /** The file name of the licensing root PEM in the out dir. */
  public static final String ROOT_PEM = "mock-cssm-root.pem";

  /** The file name of the TLS CA PEM in the out dir. */
  public static final String TLS_CA_PEM = "mock-cssm-tls-ca.pem";

  @Spec CommandSpec spec;

  @Option(names = "--port", description = "The port to listen on (default 0: any free port).")
  int port;

  @Option(
      names = "--state-file",
      paramLabel = "FILE",
      description = "Load state from FILE if it exists, and save every change to it.")
  Optional<Path> stateFile = Optional.empty();

  @Option(names = "--http", description = "Serve plain http (Smart Transport is then unavailable).")
  boolean http;

  @Option(
      names = "--out-dir",
      paramLabel = "DIR",
      description =
          "Where to write the root and TLS CA PEM files (default: the current directory).",
      defaultValue = ".")
  Path outDir;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after this long (default: until Ctrl-C).")
  Optional<Duration> runFor = Optional.empty();

  @Override
  public Integer call() throws InterruptedException {
    Io io = ((LicenseSmart) spec.root().userObject()).io();
    MockLicenseServer.Builder b = MockLicenseServer.builder().https(!http).port(port);
    stateFile.ifPresent(b::stateFile);
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "mock-cssm-stop");
    try (MockLicenseServer server = start(b)) {
      describe(io, server, writeFiles(server)).forEach(io.out()::println);
      io.out().flush();
      Runtime.getRuntime().addShutdownHook(hook);
      if (runFor.isPresent()) {
        stop.await(runFor.get().toMillis(), TimeUnit.MILLISECONDS);
      } else {
        stop.await();
      }
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    io.out().println("Mock license server stopped.");
    io.out().flush();
    return 0;
  }

  private static MockLicenseServer start(MockLicenseServer.Builder b) {
    try {
      return b.build().start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "the mock license server could not start: " + e.getMessage(), e);
    }
  }

  private List<Path> writeFiles(MockLicenseServer server) {
    List<Path> files = new ArrayList<>();
    try {
      Files.createDirectories(outDir);
      files.add(
          Files.writeString(
              outDir.resolve(ROOT_PEM), server.rootCertificatePem(), StandardCharsets.US_ASCII));
      if (!http) {
        files.add(
            Files.writeString(
                outDir.resolve(TLS_CA_PEM),
                server.tlsCaCertificatePem(),
                StandardCharsets.US_ASCII));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the PEM files to " + outDir, e);
    }
    return files;
  }

  private List<String> describe(Io io, MockLicenseServer server, List<Path> files) {
    List<String> lines = new ArrayList<>();
    lines.add("Mock license server listening on " + server.baseUrl());
    for (TransportKind kind : TransportKind.values()) {
      if (!(http && kind.requiresHttps())) {
        lines.add("  " + kind.label() + ": " + server.url(kind));
      }
    }
    String root = files.get(0).toAbsolutePath().toString();
    lines.add("Licensing root (enable --root): " + root);
    String tls = http ? "" : " --tls-ca " + files.get(1).toAbsolutePath();
    if (!http) {
      lines.add("TLS CA (enable --trusted-ca, admin --tls-ca): " + files.get(1).toAbsolutePath());
    }
    String admin = " --server " + server.baseUrl() + tls;
    lines.add("Try:");
    lines.add("  license_smart mock-cssm create-account acme --virtual-account mail" + admin);
    lines.add("  license_smart mock-cssm add-license mail ESA_Anti_Spam 10" + admin);
    lines.add("  license_smart mock-cssm create-token mail" + admin);
    lines.add(
        "  license_smart enable --udi PID:ESA-C170,SN:FCH0000001 --root "
            + root
            + (http
                ? " --transport-gateway " + server.url(TransportKind.TRANSPORT_GATEWAY)
                : " --smart-transport "
                    + server.url(TransportKind.SMART_TRANSPORT)
                    + " --trusted-ca "
                    + files.get(1).toAbsolutePath()));
    lines.add("Press Ctrl-C to stop.");
    return lines;
  }
}
