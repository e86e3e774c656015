package org.opensmartagent.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * For the {@code postgres-backend} test run ({@link Database#TEST_BACKEND_PROPERTY} {@code
 * postgres}): starts one PostgreSQL server for the whole run and points the property at it, so
 * every default-built mock server gets its own new database there; stops it at the end. Does
 * nothing in other runs. Registered through {@code META-INF/services}.
 */
public final class PostgresBackend implements LauncherSessionListener {
  private PostgresProcess postgres;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!"postgres".equals(System.getProperty(Database.TEST_BACKEND_PROPERTY))) {
      return;
    }
    if (!PostgresProcess.supported()) {
      throw new IllegalStateException(
          "the postgres-backend run needs Linux on x86-64 for the packaged PostgreSQL binaries");
    }
    try {
      postgres = PostgresProcess.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL for the tests", e);
    }
    System.setProperty(Database.TEST_BACKEND_PROPERTY, postgres.jdbcUrl());
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}
