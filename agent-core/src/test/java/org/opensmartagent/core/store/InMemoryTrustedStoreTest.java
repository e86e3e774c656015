package org.opensmartagent.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.store.StoreLoadAssert.assertThatLoad;
import static org.opensmartagent.core.store.StoreTesting.bytes;

import org.junit.jupiter.api.Test;
import org.opensmartagent.core.store.StoreLoad.Status;

class InMemoryTrustedStoreTest {

  private final InMemoryTrustedStore store = new InMemoryTrustedStore();

  @Test
  void startsEmpty() {
    assertThatLoad(store.load()).hasStatus(Status.EMPTY);
    assertThat(store.saveCount()).isZero();
  }

  @Test
  void savesLoadBackWithIncreasingGenerationsAndAreCounted() {
    store.save(bytes("A"));
    store.save(bytes("B"));
    assertThatLoad(store.load()).isCurrent("B").hasGeneration(2);
    assertThat(store.saveCount()).isEqualTo(2);
  }

  @Test
  void corruptCurrentRecoversThePreviousUntilTheNextSave() {
    store.save(bytes("A"));
    store.save(bytes("B"));
    store.corruptCurrent();
    assertThatLoad(store.load()).isRecovered("A").hasGeneration(1).detailContains("corrupt");
    store.save(bytes("C"));
    assertThatLoad(store.load()).isCurrent("C").hasGeneration(3);
    store.corruptCurrent();
    assertThatLoad(store.load()).isRecovered("A");
  }

  @Test
  void corruptCurrentWithoutPreviousIsCorrupt() {
    store.save(bytes("A"));
    store.corruptCurrent();
    assertThatLoad(store.load()).isCorrupt();
  }

  @Test
  void savedArrayIsCopied() {
    byte[] payload = bytes("A");
    store.save(payload);
    payload[0] = 'X';
    assertThatLoad(store.load()).isCurrent("A");
  }

  @Test
  void closedStoreRefusesUse() {
    store.close();
    assertThatThrownBy(store::load).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.save(bytes("A"))).isInstanceOf(IllegalStateException.class);
  }
}
