package org.opensmartagent.cli.mock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.LicenseSmart;
import org.opensmartagent.cli.command.CommonOptions;
import org.opensmartagent.cli.command.DurationConverter;
import org.opensmartagent.cli.command.Output;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.testkit.Database;
import org.opensmartagent.testkit.MockLicenseServer;
import org.opensmartagent.testkit.MockServerDirectory;
import org.opensmartagent.transport.TransportKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mock-cssm}: serves the mock license server on loopback until Ctrl-C, writing into {@code
 * --out-dir} everything a device and a tester need ({@link MockServerDirectory}: root and TLS CA,
 * reservation signing chain, admin token, URLs; all owner-only). Its admin subcommands find the
 * server through that directory.
 */
@Command(
    name = "mock-cssm",
    description = "Serve a mock license server on this machine, or administer a running one.",
    subcommands = {
      AccountCommands.Group.class,
      AccountCommands.TokenGroup.class,
      AccountCommands.LicenseGroup.class,
      InstanceCommands.Group.class,
      ReservationAdminCommands.Group.class,
      InstanceCommands.FaultGroup.class
    })
public final class MockCssmCommand implements Callable<Integer> {
  /** The file name of the licensing root PEM in the out dir. */
  public static final String ROOT_PEM = MockServerDirectory.ROOT_PEM;

  /** The file name of the TLS CA PEM in the out dir. */
  public static final String TLS_CA_PEM = MockServerDirectory.TLS_CA_PEM;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      description =
          "The port to listen on (default: the port of the last server in the out dir if it is"
              + " free, else any free port; 0: any free port).")
  Optional<Integer> port = Optional.empty();

  @Option(
      names = "--state-file",
      paramLabel = "FILE",
      description =
          "Keep the state in the JSON file FILE instead of a database (rewritten on every change).")
  Optional<Path> stateFile = Optional.empty();

  @Option(
      names = "--database",
      paramLabel = "FILE",
      description =
          "The SQLite database that keeps the state across restarts (default: mock-cssm.db in"
              + " the out dir; its keys stay in FILE.keys.json, owner-only).")
  Optional<Path> database = Optional.empty();

  @Option(
      names = "--import-state-file",
      paramLabel = "FILE",
      description = "Import a JSON state file (from --state-file) into a new database.")
  Optional<Path> importStateFile = Optional.empty();

  @Mixin JdbcOptions jdbc;

  @Option(names = "--in-memory", description = "Keep no state: everything is lost on exit.")
  boolean inMemory;

  @Option(names = "--http", description = "Serve plain http (Smart Transport is then unavailable).")
  boolean http;

  @Option(
      names = "--out-dir",
      paramLabel = "DIR",
      description =
          "Where to write the root PEM, TLS CA, reservation chain, admin token and URLs"
              + " (default: the current directory).",
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
    MockLicenseServer.Builder b = MockLicenseServer.builder().https(!http);
    List<String> notes = keepFromLastRun(b);
    Optional<JdbcOptions.Settings> shared = configureState(b);
    ShutdownSignal shutdown = new ShutdownSignal();
    boolean json = CommonOptions.of(spec).json();
    try {
      try (MockLicenseServer server = start(b, shared)) {
        shared.ifPresent(s -> notes.add(sharedNote(s)));
        List<Path> files = writeFiles(server);
        if (json) {
          io.out().println(Output.line(started(server, files, notes).toJson()));
        } else {
          notes.forEach(io.out()::println);
          describe(io, server, files).forEach(io.out()::println);
        }
        io.out().flush();
        shutdown.install();
        try {
          shutdown.await(runFor);
        } finally {
          shutdown.uninstall();
        }
      }
      Result stopped = Result.ok("mock-cssm", "Mock license server stopped.");
      io.out().println(json ? Output.line(stopped.toJson()) : stopped.message());
      io.out().flush();
      return stopped.exitCode();
    } finally {
      shutdown.finished(); // a Ctrl-C's shutdown waits for this
    }
  }

  /**
   * With {@code --json}, the first of two JSON Lines: where the server listens ({@code baseUrl},
   * {@code urls} by transport), its {@code outDir} and the {@code files} written there, and {@code
   * notes} (a port taken, the shared database).
   */
  private Result started(MockLicenseServer server, List<Path> files, List<String> notes) {
    ObjectNode data = Result.emptyData();
    data.put("baseUrl", server.baseUrl().toString());
    ObjectNode urls = data.putObject("urls");
    for (TransportKind kind : TransportKind.values()) {
      if (!(http && kind.requiresHttps())) {
        urls.put(kind.name(), server.url(kind).toString());
      }
    }
    Path dir = outDir.toAbsolutePath().normalize();
    data.put("outDir", dir.toString());
    ArrayNode written = data.putArray("files");
    files.forEach(f -> written.add(f.toAbsolutePath().normalize().toString()));
    ArrayNode said = data.putArray("notes");
    notes.forEach(said::add);
    return Result.ok("mock-cssm", "Mock license server listening on " + server.baseUrl(), data);
  }

  /**
   * A server started again on its out dir keeps the admin token (shells and {@code
   * LICENSE_SMART_MOCK_CSSM} setups hold it) and, unless {@code --port} says otherwise and while it
   * is free, the port (devices enabled with {@code --mock-cssm} hold its URLs). The keys and state
   * persist in the database (or state file) themselves.
   */
  private List<String> keepFromLastRun(MockLicenseServer.Builder b) {
    List<String> notes = new ArrayList<>();
    MockServerDirectory.previousAdminToken(outDir).ifPresent(b::adminToken);
    if (port.isPresent()) {
      b.port(port.get());
      return notes;
    }
    Optional<Integer> previous = MockServerDirectory.previousPort(outDir);
    if (previous.isPresent()) {
      if (isFree(previous.get())) {
        b.port(previous.get());
      } else {
        notes.add(
            "Port "
                + previous.get()
                + " of the last server in "
                + outDir
                + " is taken; listening on another. Enable devices again with --mock-cssm to"
                + " give them the new URLs, or stop what holds the port and restart.");
      }
    }
    return notes;
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName("localhost"), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Sets where the state is kept; returns the PostgreSQL settings when it is a shared database. */
  private Optional<JdbcOptions.Settings> configureState(MockLicenseServer.Builder b) {
    long kinds =
        (stateFile.isPresent() ? 1 : 0)
            + (database.isPresent() ? 1 : 0)
            + (jdbc.given() ? 1 : 0)
            + (inMemory ? 1 : 0);
    if (kinds > 1) {
      throw new IllegalArgumentException(
          "give only one of --state-file, --database, --jdbc-url and --in-memory (each is a"
              + " different place to keep the state)");
    }
    jdbc.check();
    if (importStateFile.isPresent() && (stateFile.isPresent() || inMemory)) {
      throw new IllegalArgumentException("--import-state-file imports into a database only");
    }
    if (stateFile.isPresent()) {
      b.stateFile(stateFile.get());
      return Optional.empty();
    }
    if (inMemory) {
      return Optional.empty();
    }
    createDirectories(outDir);
    Optional<JdbcOptions.Settings> shared = Optional.empty();
    if (jdbc.given()) {
      JdbcOptions.Settings s = jdbc.settings(outDir, System::getenv);
      createDirectories(s.keysFile().getParent());
      b.database(s.database());
      shared = Optional.of(s);
    } else {
      b.database(Database.sqlite(database.orElse(outDir.resolve("mock-cssm.db"))));
    }
    importStateFile.ifPresent(b::importStateFile);
    return shared;
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static String sharedNote(JdbcOptions.Settings s) {
    return "State in the PostgreSQL database "
        + s.url()
        + "; keys in "
        + s.keysFile()
        + " (every server sharing the database needs an owner-only copy of it).";
  }

  private static MockLicenseServer start(
      MockLicenseServer.Builder b, Optional<JdbcOptions.Settings> shared) {
    MockLicenseServer built;
    try {
      built = b.build();
    } catch (RuntimeException e) {
      Optional<SQLException> sql = sqlCause(e);
      if (shared.isPresent() && sql.isPresent()) {
        throw shared.get().unreachable(sql.get());
      }
      throw e;
    }
    try {
      return built.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "the mock license server could not start: " + e.getMessage(), e);
    }
  }

  private static Optional<SQLException> sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  private List<Path> writeFiles(MockLicenseServer server) {
    return MockServerDirectory.write(server, outDir);
  }

  private List<String> describe(Io io, MockLicenseServer server, List<Path> files) {
    List<String> lines = new ArrayList<>();
    lines.add("Mock license server listening on " + server.baseUrl());
    for (TransportKind kind : TransportKind.values()) {
      if (!(http && kind.requiresHttps())) {
        lines.add("  " + kind.label() + ": " + server.url(kind));
      }
    }
    Path dir = outDir.toAbsolutePath().normalize();
    lines.add("Licensing root (enable --root): " + dir.resolve(ROOT_PEM));
    lines.add("Files for devices and testers (owner-only) in " + dir + ":");
    files.forEach(f -> lines.add("  " + f.getFileName()));
    String at = " --mock-cssm " + dir;
    lines.add("Try (or export " + AdminCommand.ENV + "=" + dir + " and leave out --mock-cssm):");
    lines.add("  license_smart mock-cssm accounts create acme --virtual-account mail" + at);
    lines.add("  license_smart mock-cssm licenses add mail ESA_Anti_Spam 10" + at);
    lines.add("  license_smart mock-cssm tokens create mail --out token.txt" + at);
    lines.add("  license_smart enable --udi PID:ESA-C170,SN:FCH0000001" + at);
    lines.add("Press Ctrl-C to stop.");
    return lines;
  }
}
