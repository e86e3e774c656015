package org.opensmartagent.cli;

import java.nio.file.Path;

/** {@link Reservations} for tests in other packages. */
public final class ReservationsAccess {
  private final Reservations delegate;

  public ReservationsAccess(Path dir) throws Exception {
    delegate = new Reservations(dir);
  }

  public String authorize(String requestCode, String... tags) {
    return delegate.authorize(requestCode, tags);
  }

  public String[] enableArgs(Path state) {
    return delegate.enableArgs(state);
  }
}
