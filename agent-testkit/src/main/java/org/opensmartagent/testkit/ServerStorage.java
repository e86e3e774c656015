package org.opensmartagent.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.opensmartagent.core.identity.LicensingEnvironment;
import org.opensmartagent.testkit.internal.Persistence;
import org.opensmartagent.testkit.internal.ServerPki;
import org.opensmartagent.testkit.internal.ServerState;
import org.opensmartagent.testkit.internal.ServerTls;
import org.opensmartagent.testkit.internal.json.StateFile;
import org.opensmartagent.testkit.internal.json.StateFilePersistence;
import org.opensmartagent.testkit.internal.store.SqlStore;

/**
 * What a {@link MockLicenseServer} starts from and keeps its state in: the state, PKI and TLS keys
 * read from a {@link Database} and its keys file (importing a JSON state file into a new database),
 * from a JSON state file, or made new; and the {@link Persistence} that stores every change there.
 */
record ServerStorage(ServerState state, ServerPki pki, ServerTls tls, Persistence persistence) {

  /** Where to look and, for a new server, how to make its keys. */
  record Source(
      Optional<Database> database,
      Optional<Path> stateFile,
      Optional<Path> importStateFile,
      LicensingEnvironment environment,
      Clock clock,
      SecureRandom random) {}

  /**
   * Opens the storage {@code source} names.
   *
   * @throws IllegalStateException if the database and its keys file do not belong together, or an
   *     import targets a database that already holds a state (the message says what to do)
   */
  static ServerStorage open(Source source) {
    Optional<SqlStore> store = source.database().map(Database::open);
    Optional<StateFile.Contents> saved;
    try {
      saved = store.isPresent() ? fromDatabase(source, store.get()) : fromStateFile(source);
    } catch (RuntimeException e) {
      store.ifPresent(SqlStore::close);
      throw e;
    }
    ServerState state = saved.map(StateFile.Contents::state).orElseGet(ServerState::new);
    ServerPki pki =
        saved
            .map(StateFile.Contents::pki)
            .orElseGet(
                () ->
                    ServerPki.create(
                        source.environment(), source.clock().instant(), source.random()));
    ServerTls tls =
        saved
            .map(StateFile.Contents::tls)
            .orElseGet(() -> ServerTls.create(source.clock().instant(), source.random()));
    source
        .database()
        .filter(d -> !Files.exists(d.keysFile()))
        .ifPresent(d -> StateFile.save(d.keysFile(), new ServerState(), pki, tls));
    Persistence persistence =
        store
            .<Persistence>map(db -> db)
            .or(() -> source.stateFile().map(f -> new StateFilePersistence(f, pki, tls)))
            .orElse(Persistence.MEMORY);
    state.takeChanges();
    return new ServerStorage(state, pki, tls, persistence);
  }

  private static Optional<StateFile.Contents> fromStateFile(Source source) {
    return source.stateFile().filter(Files::exists).map(f -> StateFile.load(f, source.random()));
  }

  /**
   * The state in the database with the keys from the keys file; a new database imports the JSON
   * state file if one is given.
   */
  private static Optional<StateFile.Contents> fromDatabase(Source source, SqlStore db) {
    Database database = source.database().orElseThrow();
    Path keys = database.keysFile();
    Optional<Path> importing = source.importStateFile();
    if (db.isNew() && importing.isPresent()) {
      StateFile.Contents imported = StateFile.load(importing.get(), source.random());
      db.importAll(imported.state());
      StateFile.save(keys, new ServerState(), imported.pki(), imported.tls());
      return Optional.of(imported);
    }
    if (importing.isPresent()) {
      throw new IllegalStateException(
          "the database "
              + database
              + " already holds a server's state; import "
              + importing.get()
              + " into a new database instead");
    }
    if (!Files.exists(keys)) {
      if (!db.isNew()) {
        throw new IllegalStateException(
            "the keys file "
                + keys
                + " is missing, but the database holds devices registered under its root;"
                + " restore the keys file, or start over with a new database");
      }
      return Optional.empty();
    }
    StateFile.Contents k = StateFile.load(keys, source.random());
    return Optional.of(new StateFile.Contents(db.load(), k.pki(), k.tls()));
  }
}
