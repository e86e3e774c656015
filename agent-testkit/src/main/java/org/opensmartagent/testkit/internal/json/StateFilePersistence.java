package org.opensmartagent.testkit.internal.json;

import java.nio.file.Path;
import java.util.Objects;
import org.opensmartagent.testkit.internal.Persistence;
import org.opensmartagent.testkit.internal.ServerPki;
import org.opensmartagent.testkit.internal.ServerState;
import org.opensmartagent.testkit.internal.ServerTls;

/**
 * Rewrites the whole JSON state file after every change (O(state) per change: for small labs; a
 * {@link org.opensmartagent.testkit.Database} writes only what changed). One process per file.
 */
public final class StateFilePersistence implements Persistence {
  private final Path file;
  private final ServerPki pki;
  private final ServerTls tls;

  public StateFilePersistence(Path file, ServerPki pki, ServerTls tls) {
    this.file = Objects.requireNonNull(file, "file == null");
    this.pki = Objects.requireNonNull(pki, "pki == null");
    this.tls = Objects.requireNonNull(tls, "tls == null");
  }

  @Override
  public void commit(ServerState state) {
    if (!state.takeChanges().isEmpty()) {
      StateFile.save(file, state, pki, tls);
    }
  }

  @Override
  public void abort(ServerState state) {
    state.takeChanges();
  }
}
