package org.opensmartagent.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.store.StoreLoadAssert.assertThatLoad;
import static org.opensmartagent.core.store.StoreTesting.SECRET;
import static org.opensmartagent.core.store.StoreTesting.bytes;
import static org.opensmartagent.core.store.StoreTesting.text;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opensmartagent.core.store.StoreLoad.Status;

/**
 * Commits A, then dies at each step of saving B; a fresh store on the same directory must load A,
 * or B only if the final rename had happened. Never nothing, never a mix.
 */
class FileTrustedStoreCrashTest {

  private static final String FINAL_RENAME = "move state.tmp -> state.cur";

  @TempDir Path root;

  @Test
  void aSecondSaveHasTheExpectedSteps() throws Exception {
    assertThat(stepsOfSecondSave())
        .containsExactly(
            "read state.cur",
            "read state.prev",
            "exists store.initialised",
            "write state.tmp",
            "move state.cur -> state.prev",
            FINAL_RENAME,
            "sync directory");
  }

  @TestFactory
  Stream<DynamicTest> crashAtEveryStepOfASaveKeepsTheCommittedState() throws Exception {
    List<String> steps = stepsOfSecondSave();
    return IntStream.range(0, steps.size())
        .mapToObj(k -> crashTest("crash at " + steps.get(k), k, false, steps));
  }

  @TestFactory
  Stream<DynamicTest> tornWriteOfTheTempFileKeepsTheCommittedState() throws Exception {
    List<String> steps = stepsOfSecondSave();
    return IntStream.range(0, steps.size())
        .filter(k -> steps.get(k).startsWith("write"))
        .mapToObj(k -> crashTest("torn " + steps.get(k), k, true, steps));
  }

  @TestFactory
  Stream<DynamicTest> crashDuringTheFirstSaveIsAFirstBootOrTheNewState() throws Exception {
    List<String> steps = stepsOfFirstSave();
    return IntStream.range(0, steps.size())
        .mapToObj(k -> DynamicTest.dynamicTest("crash at " + steps.get(k), () -> first(k, steps)));
  }

  @Test
  void aSaveAfterACrashBetweenTheRenamesKeepsThePreviousGeneration() throws Exception {
    Path dir = root.resolve("between");
    FaultyFileOps ops = new FaultyFileOps();
    try (FileTrustedStore store = FileTrustedStore.open(dir, SECRET, ops)) {
      store.save(bytes("A"));
      ops.failAt(stepsOfSecondSave().indexOf(FINAL_RENAME), false);
      assertThatThrownBy(() -> store.save(bytes("B"))).isInstanceOf(StoreException.class);
    }
    try (FileTrustedStore store = FileTrustedStore.open(dir, SECRET)) {
      assertThatLoad(store.load()).isRecovered("A").detailContains("state.cur is missing");
      store.save(bytes("C"));
      assertThatLoad(store.load()).isCurrent("C").hasGeneration(2);
    }
    assertThat(dir.resolve("state.prev")).exists();
    try (FileTrustedStore store = FileTrustedStore.open(dir, SECRET)) {
      Files2.corrupt(dir.resolve("state.cur"));
      // the counter says generation 2 was committed: falling back to 1 is a rollback
      assertThatLoad(store.load()).isRestored("A").detailContains("older than generation 2");
    }
  }

  private DynamicTest crashTest(String name, int k, boolean torn, List<String> steps) {
    return DynamicTest.dynamicTest(name, () -> second(k, torn, steps));
  }

  private void second(int k, boolean torn, List<String> steps) throws Exception {
    Path dir = root.resolve("k" + k + (torn ? "-torn" : ""));
    FaultyFileOps ops = new FaultyFileOps();
    try (FileTrustedStore store = FileTrustedStore.open(dir, SECRET, ops)) {
      store.save(bytes("A"));
      ops.failAt(k, torn);
      assertThatThrownBy(() -> store.save(bytes("B"))).isInstanceOf(StoreException.class);
    }
    StoreLoad load = reopenAndLoad(dir);
    String expected = k > steps.indexOf(FINAL_RENAME) ? "B" : "A";
    assertThat(load.status()).isIn(Status.CURRENT, Status.RECOVERED_FROM_PREVIOUS);
    assertThat(text(load.payload())).as("payload after %s", steps.get(k)).isEqualTo(expected);
  }

  private void first(int k, List<String> steps) throws Exception {
    Path dir = root.resolve("first" + k);
    FaultyFileOps ops = new FaultyFileOps();
    try (FileTrustedStore store = FileTrustedStore.open(dir, SECRET, ops)) {
      ops.failAt(k, false);
      assertThatThrownBy(() -> store.save(bytes("B"))).isInstanceOf(StoreException.class);
    }
    StoreLoad load = reopenAndLoad(dir);
    if (k > steps.indexOf(FINAL_RENAME)) {
      assertThatLoad(load).isCurrent("B");
    } else {
      assertThatLoad(load).hasStatus(Status.EMPTY);
    }
  }

  private StoreLoad reopenAndLoad(Path dir) throws StoreException {
    try (FileTrustedStore store = FileTrustedStore.open(dir, SECRET)) {
      return store.load();
    }
  }

  private List<String> stepsOfSecondSave() throws Exception {
    FaultyFileOps ops = new FaultyFileOps();
    try (FileTrustedStore store = FileTrustedStore.open(root.resolve("probe2"), SECRET, ops)) {
      store.save(bytes("A"));
      ops.reset();
      store.save(bytes("B"));
      return ops.operations();
    }
  }

  private List<String> stepsOfFirstSave() throws Exception {
    FaultyFileOps ops = new FaultyFileOps();
    try (FileTrustedStore store = FileTrustedStore.open(root.resolve("probe1"), SECRET, ops)) {
      ops.reset();
      store.save(bytes("B"));
      return ops.operations();
    }
  }
}
