package org.opensmartagent.testkit.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL database that stops answering must not hold the mock server (and every device's
 * exchange) for ever: pgjdbc's default socket timeout is none.
 */
class BoundedConnectionTest {
  private static Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", "cssm");
    p.setProperty("password", "secret");
    return p;
  }

  @Test
  void aPostgresConnectionIsBoundedUnlessTheUrlSaysOtherwise() {
    Properties p = SqlStore.bounded("jdbc:postgresql://db.lab/cssm", credentials());

    assertThat(p.getProperty("socketTimeout")).isEqualTo("60");
    assertThat(p.getProperty("connectTimeout")).isEqualTo("10");
    assertThat(p.getProperty("loginTimeout")).isEqualTo("30");
    assertThat(p.getProperty("tcpKeepAlive")).isEqualTo("true");
    assertThat(p.getProperty("user")).isEqualTo("cssm");
    assertThat(p.getProperty("password")).isEqualTo("secret");
  }

  @Test
  void otherDatabasesGetOnlyTheCredentials() {
    assertThat(SqlStore.bounded("jdbc:sqlite:/tmp/x.db", credentials())).isEqualTo(credentials());
  }

  @Test
  void theCallersPropertiesAreNotChanged() {
    Properties given = credentials();
    SqlStore.bounded("jdbc:postgresql://db.lab/cssm", given);
    assertThat(given).isEqualTo(credentials());
  }

  /** The URL's own bound wins over the default (pgjdbc reads URL parameters last). */
  @Test
  void aDatabaseThatAcceptsAndNeverAnswersFailsWithAClearError() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // and never answer
                  }
                } catch (Exception closed) {
                  // the test ended
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/cssm?socketTimeout=1";

      assertThatThrownBy(() -> SqlStore.jdbc(url, credentials()))
          .isInstanceOf(SqlStore.StoreFailure.class)
          .hasMessageContaining("cannot open the database " + url)
          .hasMessageNotContaining("secret");
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
