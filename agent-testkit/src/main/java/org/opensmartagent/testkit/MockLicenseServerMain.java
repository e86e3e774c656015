package org.opensmartagent.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.opensmartagent.transport.TransportKind;

/**
 * Runs the mock license server from the command line: {@code [--port N] [--state-file F] [--http]}.
 * Prints the endpoint URLs, where the licensing root PEM was written and how to use the admin API,
 * then serves until Ctrl-C. Parsing ({@link #parse}) and running ({@link #run}) are separate so
 * both can be tested in process; only {@link #main} exits the JVM.
 */
public final class MockLicenseServerMain {
  static final String USAGE =
      "usage: mock-license-server [--port N] [--state-file FILE] [--http]\n"
          + "  --port N          listen on port N (default: a free port)\n"
          + "  --state-file FILE load state from FILE if it exists and save every change to it\n"
          + "  --http            serve plain http (Smart Transport then unavailable)";

  private MockLicenseServerMain() {}

  /** The parsed command line. */
  record Options(int port, Optional<Path> stateFile, boolean http) {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
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
    int port = 0;
    Optional<Path> stateFile = Optional.empty();
    boolean http = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = port(value(args, ++i, "--port"));
        case "--state-file" -> stateFile = Optional.of(Path.of(value(args, ++i, "--state-file")));
        case "--http" -> http = true;
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    return new Options(port, stateFile, http);
  }

  /** Builds and starts the server, then prints how to reach it to {@code out}. */
  static MockLicenseServer run(Options options, PrintStream out) throws IOException {
    MockLicenseServer.Builder builder =
        MockLicenseServer.builder().https(!options.http()).port(options.port());
    options.stateFile().ifPresent(builder::stateFile);
    MockLicenseServer server = builder.build().start();
    Path rootPem = rootPemPath(options);
    Files.writeString(rootPem, server.rootCertificatePem(), StandardCharsets.US_ASCII);
    out.println("Mock license server listening on " + server.baseUrl());
    for (TransportKind kind : TransportKind.values()) {
      if (!(options.http() && kind.requiresHttps())) {
        out.println("  " + kind.label() + ": " + server.url(kind));
      }
    }
    out.println("Licensing root (pin it in the agent): " + rootPem);
    if (!options.http()) {
      Path tlsCa = rootPem.resolveSibling("mock-license-server-tls-ca.pem");
      Files.writeString(tlsCa, server.tlsCaCertificatePem(), StandardCharsets.US_ASCII);
      out.println("TLS CA (trust it in the transport settings): " + tlsCa);
    }
    out.println(
        "Admin API: curl -k -X POST "
            + server.baseUrl()
            + "/admin/accounts -d '{\"name\":\"acme\"}' (see the MockLicenseServer Javadoc)");
    out.println("Press Ctrl-C to stop.");
    return server;
  }

  private static Path rootPemPath(Options options) throws IOException {
    if (options.stateFile().isPresent()) {
      Path state = options.stateFile().get().toAbsolutePath();
      return state.resolveSibling(state.getFileName() + ".root.pem");
    }
    return Files.createTempDirectory("mock-license-server").resolve("licensing-root.pem");
  }

  private static String value(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[i];
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--port must be 0..65535, not '" + text + "'");
  }
}
