package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which storage the server's tests run on: the default run builds in-memory servers; the {@code
 * sqlite-backend} and {@code postgres-backend} surefire executions set {@link
 * Database#TEST_BACKEND_PROPERTY}, and then every default-built server keeps its state in a new
 * SQLite or PostgreSQL database, with its keys file.
 */
@Timeout(30)
class BackendTest {
  @Test
  void aDefaultBuiltServerUsesTheBackendTheRunAsksFor() throws Exception {
    String backend = System.getProperty(Database.TEST_BACKEND_PROPERTY, "");
    try (MockLicenseServer server = MockLicenseServer.builder().build()) {
      assertThat(server.database().isPresent()).isEqualTo(!backend.isEmpty());
      server
          .database()
          .ifPresent(
              d ->
                  assertThat(d.toString())
                      .startsWith(backend.equals("sqlite") ? "/" : "jdbc:postgresql:"));
      server
          .database()
          .ifPresent(d -> assertThat(Files.exists(d.keysFile())).as(d.toString()).isTrue());
    }
  }
}
