package org.opensmartagent.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.opensmartagent.transport.TransportKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the mock license server from the command line: {@code [--port N] [--state-file F] [--http]
 * [--out-dir DIR]}. Writes the server's files ({@link MockServerDirectory}: root PEM, TLS CA,
 * reservation chain, admin token, URLs) into the out dir, prints the endpoint URLs, then serves
 * until Ctrl-C. Parsing ({@link #parse}, picocli) and running ({@link #run}) are separate so both
 * can be tested in process; only {@link #main} exits the JVM.
 */
public final class MockLicenseServerMain {
  private MockLicenseServerMain() {}

  /** The parsed command line. */
  record Options(int port, Optional<Path> stateFile, boolean http, Optional<Path> outDir) {}

  @Command(
      name = "mock-license-server",
      description = "Serve a mock smart license server on loopback until Ctrl-C.")
  static final class Arguments {
    @Option(
        names = "--port",
        paramLabel = "N",
        description = "Listen on port N (default: a free port).")
    int port;

    @Option(
        names = "--state-file",
        paramLabel = "FILE",
        description = "Load state from FILE if it exists and save every change to it.")
    Optional<Path> stateFile = Optional.empty();

    @Option(names = "--http", description = "Serve plain http (Smart Transport then unavailable).")
    boolean http;

    @Option(
        names = "--out-dir",
        paramLabel = "DIR",
        description =
            "Where to write the root PEM, TLS CA, reservation chain, admin token and URLs"
                + " (default: the state file's directory, else a new temporary directory).")
    Optional<Path> outDir = Optional.empty();
  }

  static String usage() {
    return new CommandLine(new Arguments()).getUsageMessage();
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(usage());
      System.exit(2);
      return;
    }
    MockLicenseServer server = run(options, System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "mock-license-server-shutdown"));
    stopped.await();
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException saying which argument is wrong
   */
  static Options parse(String[] args) {
    Arguments a = new Arguments();
    try {
      new CommandLine(a).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (a.port < 0 || a.port > 65535) {
      throw new IllegalArgumentException("--port must be 0..65535, not " + a.port);
    }
    return new Options(a.port, a.stateFile, a.http, a.outDir);
  }

  /** Builds and starts the server, writes its files, then prints how to reach it to {@code out}. */
  static MockLicenseServer run(Options options, PrintStream out) throws IOException {
    MockLicenseServer.Builder builder =
        MockLicenseServer.builder().https(!options.http()).port(options.port());
    options.stateFile().ifPresent(builder::stateFile);
    MockLicenseServer server = builder.build().start();
    Path dir = outDir(options);
    List<Path> files = MockServerDirectory.write(server, dir);
    out.println("Mock license server listening on " + server.baseUrl());
    for (TransportKind kind : TransportKind.values()) {
      if (!(options.http() && kind.requiresHttps())) {
        out.println("  " + kind.label() + ": " + server.url(kind));
      }
    }
    out.println("Files for devices and testers (owner-only) in " + dir.toAbsolutePath() + ":");
    files.forEach(f -> out.println("  " + f.getFileName()));
    out.println(
        "Admin API: curl"
            + (options.http() ? "" : " --cacert " + dir.resolve(MockServerDirectory.TLS_CA_PEM))
            + " -H \"Authorization: Bearer $(cat "
            + dir.resolve(MockServerDirectory.ADMIN_TOKEN)
            + ")\" -H 'Content-Type: application/json' -X POST "
            + server.baseUrl()
            + "/admin/accounts -d '{\"name\":\"acme\"}' (see the MockLicenseServer Javadoc)");
    out.println(
        "Web portal: "
            + server.portalUrl()
            + " (sign in with the admin token in "
            + dir.resolve(MockServerDirectory.ADMIN_TOKEN)
            + ")");
    out.println("Press Ctrl-C to stop.");
    return server;
  }

  private static Path outDir(Options options) throws IOException {
    if (options.outDir().isPresent()) {
      return options.outDir().get();
    }
    if (options.stateFile().isPresent()) {
      return options.stateFile().get().toAbsolutePath().getParent();
    }
    return Files.createTempDirectory("mock-license-server");
  }
}
