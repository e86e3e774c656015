package org.opensmartagent.core.store.internal;

import java.util.OptionalLong;
import org.opensmartagent.core.store.StoreLoad;

/**
 * Judges what the store files hold against what the device remembers elsewhere: the rollback
 * counter and whether the device secret existed before. Pure; the caller reads both.
 */
public final class Verdict {

  private Verdict() {}

  /**
   * Returns {@code load} unless the counter or the secret contradict it: a generation older than
   * the counter (or one the counter cannot vouch for) becomes {@link StoreLoad.Status#RESTORED},
   * and an empty store on a device that committed before becomes {@link StoreLoad.Status#CORRUPT}.
   *
   * @param counter the rollback counter, if the store has a guard
   * @param secretExisted whether the device secret existed before this process used it
   */
  public static StoreLoad judge(
      StoreLoad load, OptionalLong counter, boolean secretExisted, StoreFiles files) {
    return switch (load.status()) {
      case EMPTY -> judgeEmpty(load, counter, secretExisted, files);
      case CURRENT, RECOVERED_FROM_PREVIOUS -> judgeGeneration(load, counter, files);
      case RESTORED, CORRUPT -> load;
    };
  }

  private static StoreLoad judgeEmpty(
      StoreLoad load, OptionalLong counter, boolean secretExisted, StoreFiles files) {
    if (counter.isPresent() && counter.getAsLong() > 0) {
      return StoreLoad.corrupt(
          "the store files are missing from "
              + files.directory()
              + " although the rollback counter says "
              + counter.getAsLong()
              + " generations were committed on this device: the store was deleted. Restore the"
              + " newest copy or re-register the device; the agent will not start a new"
              + " evaluation period.");
    }
    if (secretExisted) {
      return StoreLoad.corrupt(
          "the store files are missing from "
              + files.directory()
              + " although the device secret exists, so the device was initialised before: the"
              + " store was deleted. Restore the newest copy or re-register the device; the agent"
              + " will not start a new evaluation period. (A new device stopped between creating"
              + " its secret and its first save also looks like this; delete "
              + SecretFile.FILE_NAME
              + " to start it as new.)");
    }
    return load;
  }

  private static StoreLoad judgeGeneration(StoreLoad load, OptionalLong counter, StoreFiles files) {
    if (counter.isEmpty()) {
      return load;
    }
    long highest = counter.getAsLong();
    long generation = load.generation();
    if (generation == highest || generation == highest + 1) {
      return load; // highest + 1: the process stopped between a commit and advancing the counter
    }
    String what =
        generation < highest
            ? "generation "
                + generation
                + " is older than generation "
                + highest
                + ", the newest this device committed: an older copy of the store was put back,"
                + " or the newest generation was destroyed"
            : "generation "
                + generation
                + " is newer than the rollback counter ("
                + highest
                + ") can vouch for: the counter was deleted or reset, so this may be an older copy";
    return StoreLoad.restored(
        load.payload(),
        generation,
        what
            + " (store "
            + files.directory()
            + "). It is loaded, but grants nothing it did not grant before: no evaluation time,"
            + " no reservation. Register the product or install a reservation again.");
  }
}
