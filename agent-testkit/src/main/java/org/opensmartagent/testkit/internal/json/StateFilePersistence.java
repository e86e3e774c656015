package org.opensmartagent.testkit.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.opensmartagent.testkit.internal.Persistence;
import org.opensmartagent.testkit.internal.ServerPki;
import org.opensmartagent.testkit.internal.ServerState;
import org.opensmartagent.testkit.internal.ServerTls;
import org.opensmartagent.testkit.internal.StorageFailure;

/**
 * Rewrites the whole JSON state file after every change (O(state) per change: for small labs; a
 * {@link org.opensmartagent.testkit.Database} writes only what changed). One process per file. It
 * keeps what the file holds, in its JSON form, so that a change the file refused (a full disk) or a
 * change that threw halfway is undone in memory too: memory is never ahead of the file.
 */
public final class StateFilePersistence implements Persistence {
  private final Path file;
  private final ServerPki pki;
  private final ServerTls tls;

  /** What the file holds; taken at the first change, when memory is what was loaded. */
  private Optional<JsonNode> stored = Optional.empty();

  public StateFilePersistence(Path file, ServerPki pki, ServerTls tls) {
    this.file = Objects.requireNonNull(file, "file == null");
    this.pki = Objects.requireNonNull(pki, "pki == null");
    this.tls = Objects.requireNonNull(tls, "tls == null");
  }

  @Override
  public void begin(ServerState state) {
    if (stored.isEmpty()) {
      stored = Optional.of(StateJson.write(state));
    }
  }

  @Override
  public void commit(ServerState state) {
    if (state.takeChanges().isEmpty()) {
      return;
    }
    JsonNode json = StateJson.write(state);
    try {
      StateFile.save(file, json, pki, tls);
    } catch (RuntimeException e) {
      restore(state);
      throw new StorageFailure(
          "The mock server could not write its state file "
              + file
              + " ("
              + Optional.ofNullable(e.getCause()).orElse(e)
              + "); the change was not made. Check that the disk has room and the directory is"
              + " writable, then try again",
          e);
    }
    stored = Optional.of(json);
  }

  @Override
  public void abort(ServerState state) {
    if (!state.takeChanges().isEmpty()) {
      restore(state);
    }
  }

  private void restore(ServerState state) {
    state.clear();
    stored.ifPresent(json -> StateJson.readInto(json, state));
    state.takeChanges();
  }
}
