package org.opensmartagent.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.store.StoreLoadAssert.assertThatLoad;
import static org.opensmartagent.core.store.StoreTesting.bytes;

import org.junit.jupiter.api.Test;

class FaultInjectingTrustedStoreTest {

  private final InMemoryTrustedStore memory = new InMemoryTrustedStore();
  private final FaultInjectingTrustedStore store = new FaultInjectingTrustedStore(memory);

  @Test
  void passesThroughWhenNoFaultIsArmed() throws Exception {
    store.save(bytes("A"));
    assertThatLoad(store.load()).isCurrent("A");
  }

  @Test
  void failedSavesThrowAndLeaveTheStateUnchanged() throws Exception {
    store.save(bytes("A"));
    store.failNextSaves(2, "disk is full");
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> store.save(bytes("B")))
          .isInstanceOf(StoreException.class)
          .hasMessage("disk is full");
    }
    assertThatLoad(store.load()).isCurrent("A");
    assertThat(store.failedSaves()).isEqualTo(2);
    assertThat(memory.saveCount()).isEqualTo(1);
    store.save(bytes("C"));
    assertThatLoad(store.load()).isCurrent("C");
  }

  @Test
  void failAllSavesLastsUntilHealed() throws Exception {
    store.failAllSaves("read-only");
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> store.save(bytes("B"))).hasMessage("read-only");
    }
    store.heal();
    store.save(bytes("B"));
    assertThatLoad(store.load()).isCurrent("B");
  }

  @Test
  void failedLoadsThrow() throws Exception {
    store.failNextLoads(1, "cannot read");
    assertThatThrownBy(store::load).isInstanceOf(StoreException.class).hasMessage("cannot read");
    assertThatLoad(store.load()).hasStatus(StoreLoad.Status.EMPTY);
  }

  @Test
  void corruptNextLoadAffectsOneLoad() throws Exception {
    store.save(bytes("A"));
    store.corruptNextLoad();
    assertThatLoad(store.load()).isCorrupt().detailContains("injected");
    assertThatLoad(store.load()).isCurrent("A");
  }

  @Test
  void closeClosesTheDelegate() {
    store.close();
    assertThatThrownBy(memory::load).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new FaultInjectingTrustedStore(null)).hasMessage("delegate == null");
    assertThatThrownBy(() -> store.failNextSaves(-1, "x")).hasMessage("count < 0: -1");
  }
}
