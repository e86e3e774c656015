package org.opensmartagent.core.store.internal;

import java.io.IOException;
import java.util.Optional;
import org.opensmartagent.core.store.StoreLoad;

/**
 * What a store directory held at one moment: both generation files and whether the store was ever
 * initialised. Decides what {@code load} reports and how the next save proceeds.
 */
public record Snapshot(FileState current, FileState previous, boolean initialised) {

  /** Reads both generation files and the marker through {@code ops}. */
  public static Snapshot read(FileOps ops, StoreFiles files, GenerationCodec codec)
      throws IOException {
    FileState current = inspect(ops.readIfExists(files.current()), codec);
    FileState previous = inspect(ops.readIfExists(files.previous()), codec);
    return new Snapshot(current, previous, ops.exists(files.marker()));
  }

  private static FileState inspect(Optional<byte[]> content, GenerationCodec codec) {
    return content.map(codec::decode).orElseGet(FileState.Missing::new);
  }

  /** The highest valid generation number, or 0 if there is none. */
  public long lastGeneration() {
    long current = valid(this.current).map(FileState.Valid::generation).orElse(0L);
    long previous = valid(this.previous).map(FileState.Valid::generation).orElse(0L);
    return Math.max(current, previous);
  }

  /**
   * True if {@code state.cur} is worth keeping as {@code state.prev} on the next save. An invalid
   * current file is overwritten instead, so a valid previous one survives.
   */
  public boolean currentIsValid() {
    return current instanceof FileState.Valid;
  }

  /** What {@code load} reports for this snapshot of the store in {@code files}. */
  public StoreLoad toLoad(StoreFiles files) {
    Optional<FileState.Valid> cur = valid(current);
    Optional<FileState.Valid> prev = valid(previous);
    if (cur.isPresent() && (prev.isEmpty() || cur.get().generation() >= prev.get().generation())) {
      return StoreLoad.current(cur.get().payload(), cur.get().generation());
    }
    if (prev.isPresent()) {
      FileState.Valid p = prev.get();
      String detail =
          whyNotCurrent(p.generation())
              + "; loaded generation "
              + p.generation()
              + " from "
              + StoreFiles.PREVIOUS;
      return StoreLoad.recovered(p.payload(), p.generation(), detail);
    }
    if (current instanceof FileState.Missing && previous instanceof FileState.Missing) {
      return initialised ? StoreLoad.corrupt(missingFiles(files)) : StoreLoad.empty();
    }
    return StoreLoad.corrupt(noValidGeneration(files));
  }

  private String whyNotCurrent(long previousGeneration) {
    if (current instanceof FileState.Valid c) {
      return StoreFiles.CURRENT
          + " holds generation "
          + c.generation()
          + ", older than "
          + previousGeneration
          + " in "
          + StoreFiles.PREVIOUS;
    }
    return describe(StoreFiles.CURRENT, current);
  }

  private static String missingFiles(StoreFiles files) {
    return "store files are missing from "
        + files.directory()
        + " although the store was initialised ("
        + StoreFiles.MARKER
        + " is present). Restore the directory from a backup or re-register the device;"
        + " the agent will not start a new evaluation period.";
  }

  private String noValidGeneration(StoreFiles files) {
    return "no valid generation in "
        + files.directory()
        + ": "
        + describe(StoreFiles.CURRENT, current)
        + "; "
        + describe(StoreFiles.PREVIOUS, previous)
        + ". Check that the device secret and agent version are the ones that wrote the store;"
        + " otherwise restore the directory from a backup or re-register the device.";
  }

  private static String describe(String name, FileState state) {
    if (state instanceof FileState.Invalid invalid) {
      return name + " " + invalid.reason();
    }
    if (state instanceof FileState.Missing) {
      return name + " is missing";
    }
    return name + " is valid";
  }

  private static Optional<FileState.Valid> valid(FileState state) {
    return state instanceof FileState.Valid v ? Optional.of(v) : Optional.empty();
  }
}
