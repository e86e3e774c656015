package org.opensmartagent.core.store.internal;

import java.nio.file.Path;

/** The names of the files inside a store directory. */
public record StoreFiles(Path directory) {

  public static final String CURRENT = "state.cur";
  public static final String PREVIOUS = "state.prev";
  public static final String TEMP = "state.tmp";
  public static final String MARKER = "store.initialised";
  public static final String LOCK = "store.lock";

  public Path current() {
    return directory.resolve(CURRENT);
  }

  public Path previous() {
    return directory.resolve(PREVIOUS);
  }

  public Path temp() {
    return directory.resolve(TEMP);
  }

  /** Exists once a first save has committed; its absence plus missing state means first boot. */
  public Path marker() {
    return directory.resolve(MARKER);
  }

  public Path lock() {
    return directory.resolve(LOCK);
  }
}
