package org.opensmartagent.testkit.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.testkit.internal.ServerPki;
import org.opensmartagent.testkit.internal.ServerState;
import org.opensmartagent.testkit.internal.ServerTls;
import org.opensmartagent.testkit.internal.StorageFailure;

/**
 * The JSON state file mode keeps memory and file equal: a change the file refuses, or a change that
 * throws halfway, is undone in memory too (it stayed in memory and was saved with the next change).
 */
class StateFilePersistenceTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path tmp;

  private StateFilePersistence persistence(Path file) {
    return new StateFilePersistence(
        file,
        ServerPki.create(LicensingEnvironment.PRODUCTION, NOW, RANDOM),
        ServerTls.create(NOW, RANDOM));
  }

  private static void change(StateFilePersistence p, ServerState state, String account) {
    p.begin(state);
    state.addSmartAccount(account);
    p.commit(state);
  }

  private static ServerState onDisk(Path file) {
    return StateFile.load(file, RANDOM).state();
  }

  @Test
  void aChangeTheFileRefusesIsUndoneInMemoryToo() throws Exception {
    Path dir = tmp.resolve("lab");
    Path file = dir.resolve("state.json");
    StateFilePersistence p = persistence(file);
    ServerState state = new ServerState();
    change(p, state, "acme");

    Files.delete(file);
    Files.delete(dir);
    Files.writeString(dir, "not a directory"); // the file cannot be written any more
    assertThatThrownBy(() -> change(p, state, "globex"))
        .isInstanceOf(StorageFailure.class)
        .hasMessageContaining("could not write its state file " + file)
        .hasMessageContaining("the change was not made");

    assertThat(state.smartAccounts()).containsExactly("acme");
    Files.delete(dir);
    Files.createDirectory(dir);
    change(p, state, "initech");
    assertThat(onDisk(file).smartAccounts()).containsExactlyInAnyOrder("acme", "initech");
  }

  @Test
  void aChangeThatThrowsHalfwayIsForgotten() {
    Path file = tmp.resolve("state.json");
    StateFilePersistence p = persistence(file);
    ServerState state = new ServerState();
    change(p, state, "acme");

    p.begin(state);
    state.addSmartAccount("half-done");
    p.abort(state);

    assertThat(state.smartAccounts()).containsExactly("acme");
    change(p, state, "globex");
    assertThat(onDisk(file).smartAccounts()).containsExactlyInAnyOrder("acme", "globex");
  }
}
