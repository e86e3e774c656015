package org.opensmartagent.testkit.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.testkit.internal.ServerState;

/**
 * A lost connection (pgjdbc closes it when its socket timeout fires) is reopened by the next
 * operation, which reads the state again from the database: one stall must not fail every later
 * operation until the server is restarted. SQLite cannot drop the connection from outside, so the
 * tests close it through the store's test hook.
 */
class ReconnectTest {
  @TempDir Path dir;

  private final AtomicBoolean refuse = new AtomicBoolean();
  private final AtomicInteger opens = new AtomicInteger();
  private SqlStore a;
  private SqlStore b;
  private ServerState stateA;
  private ServerState stateB;

  @BeforeEach
  void open() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("shared.db");
    a =
        new SqlStore(
            () -> {
              opens.incrementAndGet();
              if (refuse.get()) {
                throw new SQLException("connection refused", "08001");
              }
              var c = DriverManager.getConnection(url);
              try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
              }
              return c;
            },
            "shared.db");
    stateA = a.load();
    b = SqlStore.sqlite(dir.resolve("shared.db"));
    stateB = b.load();
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  private static void change(SqlStore store, ServerState state, String smartAccount) {
    store.begin(state);
    state.addSmartAccount(smartAccount);
    store.commit(state);
  }

  @Test
  void theNextOperationReopensTheConnectionAndReadsWhatIsInTheDatabase() throws SQLException {
    change(b, stateB, "written-by-b");
    a.loseConnectionForTest();

    a.beforeRead(stateA);

    assertThat(stateA.hasSmartAccount("written-by-b")).isTrue();
    change(a, stateA, "written-by-a");
    b.beforeRead(stateB);
    assertThat(stateB.hasSmartAccount("written-by-a")).isTrue();
  }

  @Test
  void aChangeWhoseConnectionIsLostFailsAndMemoryIsReadAgain() throws SQLException {
    a.begin(stateA);
    stateA.addSmartAccount("never-stored");
    a.loseConnectionForTest();

    assertThatThrownBy(() -> a.commit(stateA))
        .isInstanceOf(SqlStore.StoreFailure.class)
        .hasMessageContaining("nothing was changed");

    change(b, stateB, "written-by-b");
    a.beforeRead(stateA);
    assertThat(stateA.hasSmartAccount("never-stored")).isFalse();
    assertThat(stateA.hasSmartAccount("written-by-b")).isTrue();
    change(a, stateA, "written-by-a");
    b.beforeRead(stateB);
    assertThat(stateB.hasSmartAccount("written-by-a")).isTrue();
  }

  @Test
  void aFailedReopenSaysWhatToDoTriesOncePerOperationAndTheNextTriesAgain() throws SQLException {
    change(a, stateA, "before");
    change(b, stateB, "written-by-b");
    a.loseConnectionForTest();
    refuse.set(true);
    int before = opens.get();

    assertThatThrownBy(() -> a.beforeRead(stateA))
        .isInstanceOf(SqlStore.StoreFailure.class)
        .hasMessageContaining("lost the connection to the database shared.db")
        .hasMessageContaining("cannot reopen it (connection refused)")
        .hasMessageContaining("check that the database is reachable");
    assertThat(opens.get()).isEqualTo(before + 1);
    assertThatThrownBy(() -> a.begin(stateA)).isInstanceOf(SqlStore.StoreFailure.class);
    assertThat(opens.get()).isEqualTo(before + 2);
    assertThat(stateA.hasSmartAccount("before")).isTrue();

    refuse.set(false);
    a.beforeRead(stateA);
    assertThat(stateA.hasSmartAccount("written-by-b")).isTrue();
    assertThat(stateA.hasSmartAccount("before")).isTrue();
  }

  @Test
  void aClosedStoreDoesNotReconnect() {
    a.close();
    int before = opens.get();

    assertThatThrownBy(() -> a.begin(stateA)).hasMessageContaining("start it again");
    assertThat(opens.get()).isEqualTo(before);
  }
}
