package org.opensmartagent.testkit.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.core.identity.internal.pki.Credential;
import org.opensmartagent.testkit.internal.Credentials;
import org.opensmartagent.testkit.internal.Credentials.StoredCredential;
import org.opensmartagent.testkit.internal.ServerPki;
import org.opensmartagent.testkit.internal.ServerState;
import org.opensmartagent.testkit.internal.ServerTls;

/**
 * The mock server's state file: JSON with the accounts, tokens, licenses and instances, plus the
 * PKI and TLS private keys (PKCS#8, base64) so a restarted server keeps issuing under the same
 * root. A file saved before reservation signing existed gets a new reservation signer on load. A
 * test tool's file: it holds secrets in clear. Written to a temporary file in the same directory,
 * forced to disk, then renamed over the old one. Stateless.
 */
public final class StateFile {
  private static final int FORMAT = 1;

  private StateFile() {}

  /** What a state file holds. */
  public record Contents(ServerState state, ServerPki pki, ServerTls tls) {}

  /** Writes atomically; the caller holds the server lock so the state is consistent. */
  public static void save(Path file, ServerState state, ServerPki pki, ServerTls tls) {
    save(file, StateJson.write(state), pki, tls);
  }

  /** Writes {@code state}, already in its JSON form ({@link StateJson#write}), atomically. */
  public static void save(Path file, JsonNode state, ServerPki pki, ServerTls tls) {
    Objects.requireNonNull(file, "file == null");
    ObjectNode root = Json.MAPPER.createObjectNode().put("format", FORMAT);
    ObjectNode keys = root.putObject("pki").put("environment", pki.environment().name());
    writeCredential(keys.putObject("root"), pki.root());
    writeCredential(keys.putObject("issuingCa"), pki.issuingCa());
    writeCredential(keys.putObject("signer"), pki.signer());
    writeCredential(keys.putObject("reservationSigner"), pki.reservationSigner());
    root.putObject("tls").put("ca", tls.caPemWithKey()).put("server", tls.serverPemWithKey());
    root.set("state", state);
    write(file.toAbsolutePath(), Json.write(root));
  }

  /**
   * Reads a state file.
   *
   * @throws UncheckedIOException if it cannot be read
   * @throws IllegalArgumentException naming what is corrupt
   */
  public static Contents load(Path file, SecureRandom random) {
    Objects.requireNonNull(file, "file == null");
    JsonNode root;
    try {
      root = Json.object(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the state file " + file, e);
    }
    if (root.path("format").asInt() != FORMAT) {
      throw new IllegalArgumentException(
          file + " is not a mock license server state file of format " + FORMAT);
    }
    JsonNode keys = root.path("pki");
    LicensingEnvironment env = LicensingEnvironment.valueOf(Json.text(keys, "environment"));
    Credential issuingCa = readCredential(keys.path("issuingCa"), env, random);
    Credential reservationSigner =
        keys.has("reservationSigner")
            ? readCredential(keys.path("reservationSigner"), env, random)
            : ServerPki.createReservationSigner(issuingCa, random);
    ServerPki pki =
        new ServerPki(
            readCredential(keys.path("root"), env, random),
            issuingCa,
            readCredential(keys.path("signer"), env, random),
            reservationSigner,
            random);
    JsonNode tls = root.path("tls");
    return new Contents(
        StateJson.read(root.path("state")),
        pki,
        ServerTls.decode(Json.text(tls, "ca"), Json.text(tls, "server")));
  }

  private static void writeCredential(ObjectNode n, Credential c) {
    StoredCredential s = Credentials.store(c);
    Base64.Encoder b64 = Base64.getEncoder();
    n.put("privateKeyPkcs8", b64.encodeToString(s.privateKey()))
        .put("publicKey", b64.encodeToString(s.publicKey()))
        .put("certificate", b64.encodeToString(s.certificate()));
  }

  private static Credential readCredential(
      JsonNode n, LicensingEnvironment env, SecureRandom random) {
    StoredCredential s =
        new StoredCredential(
            StateJson.base64(Json.text(n, "privateKeyPkcs8"), "privateKeyPkcs8"),
            StateJson.base64(Json.text(n, "publicKey"), "publicKey"),
            StateJson.base64(Json.text(n, "certificate"), "certificate"));
    return Credentials.restore(s, env, random);
  }

  private static void write(Path file, byte[] bytes) {
    Path dir = file.getParent();
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the state file " + file, e);
    }
  }
}
