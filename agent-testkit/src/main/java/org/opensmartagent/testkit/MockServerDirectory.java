package org.opensmartagent.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.opensmartagent.testkit.internal.OwnerOnlyFiles;
import org.opensmartagent.transport.TransportKind;

/**
 * The directory in which a running mock license server leaves everything a device and a tester
 * need: the licensing root and TLS CA (PEM), the reservation signing chain (PEM, leaf first), the
 * admin token and a small properties file with the server's URLs. Every file is created owner-only
 * (0600, on POSIX file systems from the moment it exists, whatever the umask) and replaced
 * atomically; a directory it creates is 0700. Stateless; {@link #read} is how the shell's admin
 * commands find a server.
 */
public final class MockServerDirectory {
  public static final String ROOT_PEM = "mock-cssm-root.pem";
  public static final String TLS_CA_PEM = "mock-cssm-tls-ca.pem";
  public static final String RESERVATION_CHAIN_PEM = "mock-cssm-reservation-chain.pem";
  public static final String ADMIN_TOKEN = "mock-cssm-admin-token";
  public static final String URLS = "mock-cssm-urls.properties";

  private MockServerDirectory() {}

  /** Where a server's files are, as {@link #read} finds them. */
  public record Contents(
      Path dir,
      URI baseUrl,
      Path rootPem,
      Optional<Path> tlsCaPem,
      Path reservationChainPem,
      String adminToken,
      Optional<URI> smartTransportUrl,
      URI transportGatewayUrl,
      URI callHomeUrl) {
    public Contents {
      Objects.requireNonNull(adminToken, "adminToken == null");
    }

    @Override
    public String toString() {
      return "MockServerDirectory.Contents[" + dir + ", " + baseUrl + "]"; // no admin token
    }
  }

  /**
   * Writes {@code server}'s files into {@code dir} (created if missing) and returns them.
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  public static List<Path> write(MockLicenseServer server, Path dir) {
    Objects.requireNonNull(server, "server == null");
    Objects.requireNonNull(dir, "dir == null");
    List<Path> files = new ArrayList<>();
    try {
      OwnerOnlyFiles.createDirectories(dir);
      files.add(writeSecret(dir.resolve(ROOT_PEM), server.rootCertificatePem()));
      if (server.isHttps()) {
        files.add(writeSecret(dir.resolve(TLS_CA_PEM), server.tlsCaCertificatePem()));
      }
      StringBuilder chain = new StringBuilder();
      server.reservationSigningChain().forEach(der -> chain.append(pem(der)));
      files.add(writeSecret(dir.resolve(RESERVATION_CHAIN_PEM), chain.toString()));
      files.add(writeSecret(dir.resolve(ADMIN_TOKEN), server.adminToken() + "\n"));
      files.add(writeSecret(dir.resolve(URLS), urls(server)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the mock server's files to " + dir, e);
    }
    return files;
  }

  /**
   * Reads what {@link #write} left in {@code dir}.
   *
   * @throws IllegalArgumentException if {@code dir} holds no running mock server's files, saying
   *     how to start one
   */
  public static Contents read(Path dir) {
    Objects.requireNonNull(dir, "dir == null");
    Path abs = dir.toAbsolutePath();
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(abs.resolve(URLS))) {
      p.load(in);
      String token = Files.readString(abs.resolve(ADMIN_TOKEN), StandardCharsets.US_ASCII).strip();
      Optional<Path> tls =
          Optional.of(abs.resolve(TLS_CA_PEM))
              .filter(f -> p.getProperty("smart-transport") != null && Files.exists(f));
      return new Contents(
          abs,
          uri(p, "base", abs),
          abs.resolve(ROOT_PEM),
          tls,
          abs.resolve(RESERVATION_CHAIN_PEM),
          token,
          Optional.ofNullable(p.getProperty("smart-transport")).map(URI::create),
          uri(p, "transport-gateway", abs),
          uri(p, "call-home", abs));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          abs
              + " holds no mock license server files ("
              + e.getFile()
              + " is missing); start one with license_smart mock-cssm --out-dir "
              + abs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the mock server's files in " + abs, e);
    }
  }

  /**
   * The admin token a server left in {@code dir}, for a server started again there to keep (so the
   * shells and setups holding it keep working); empty when there is none.
   *
   * @throws IllegalArgumentException if the token file holds no valid token, saying what to do
   */
  public static Optional<String> previousAdminToken(Path dir) {
    Path file = dir.toAbsolutePath().resolve(ADMIN_TOKEN);
    try {
      String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!token.matches("[A-Za-z0-9_-]{16,}")) {
        throw new IllegalArgumentException(
            file + " holds no valid admin token; delete it and start again for a new one");
      }
      return Optional.of(token);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the admin token in " + file, e);
    }
  }

  /**
   * The port of the server that last wrote {@code dir}'s URLs, for a server started again there to
   * listen on (devices enabled against it keep their URLs); empty when there is none.
   */
  public static Optional<Integer> previousPort(Path dir) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(dir.toAbsolutePath().resolve(URLS))) {
      p.load(in);
      return Optional.ofNullable(p.getProperty("base"))
          .map(URI::create)
          .map(URI::getPort)
          .filter(port -> port > 0);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static URI uri(Properties p, String key, Path dir) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException(
          dir.resolve(URLS) + " has no '" + key + "'; start the server again with mock-cssm");
    }
    return URI.create(v);
  }

  private static String urls(MockLicenseServer server) {
    StringBuilder sb = new StringBuilder("# the mock license server's URLs (mock-cssm)\n");
    sb.append("base=").append(server.baseUrl()).append('\n');
    sb.append("call-home=").append(server.url(TransportKind.DIRECT)).append('\n');
    sb.append("transport-gateway=")
        .append(server.url(TransportKind.TRANSPORT_GATEWAY))
        .append('\n');
    if (server.isHttps()) {
      sb.append("smart-transport=").append(server.url(TransportKind.SMART_TRANSPORT)).append('\n');
    }
    return sb.toString();
  }

  static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }

  /** Writes a temporary file created 0600, then renames it over {@code file}. */
  static Path writeSecret(Path file, String text) throws IOException {
    Path abs = file.toAbsolutePath();
    FileAttribute<?>[] ownerOnly = OwnerOnlyFiles.fileAttributes();
    Path temp =
        Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp", ownerOnly);
    try {
      Files.writeString(temp, text, StandardCharsets.US_ASCII);
      Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return abs;
  }
}
