package org.opensmartagent.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmartagent.core.store.StoreTesting.bytes;

import org.junit.jupiter.api.Test;
import org.opensmartagent.core.store.StoreLoad.Status;

class StoreLoadTest {

  @Test
  void factoriesProduceEachStatus() {
    assertThat(StoreLoad.empty().status()).isEqualTo(Status.EMPTY);
    assertThat(StoreLoad.current(bytes("a"), 1).status()).isEqualTo(Status.CURRENT);
    assertThat(StoreLoad.recovered(bytes("a"), 1, "why").status())
        .isEqualTo(Status.RECOVERED_FROM_PREVIOUS);
    assertThat(StoreLoad.corrupt("why").status()).isEqualTo(Status.CORRUPT);
    assertThat(StoreLoad.empty().hasPayload()).isFalse();
    assertThat(StoreLoad.current(bytes("a"), 1).hasPayload()).isTrue();
  }

  @Test
  void payloadIsCopiedInAndOut() {
    byte[] payload = bytes("abc");
    StoreLoad load = StoreLoad.current(payload, 3);
    payload[0] = 'X';
    load.payload()[1] = 'Y';
    assertThat(load.payload()).isEqualTo(bytes("abc"));
  }

  @Test
  void equalityComparesPayloadContent() {
    assertThat(StoreLoad.current(bytes("a"), 1)).isEqualTo(StoreLoad.current(bytes("a"), 1));
    assertThat(StoreLoad.current(bytes("a"), 1).hashCode())
        .isEqualTo(StoreLoad.current(bytes("a"), 1).hashCode());
    assertThat(StoreLoad.current(bytes("a"), 1)).isNotEqualTo(StoreLoad.current(bytes("b"), 1));
  }

  @Test
  void toStringNeverShowsPayloadBytes() {
    assertThat(StoreLoad.current(bytes("license-secret"), 4).toString())
        .doesNotContain("license-secret")
        .contains("CURRENT", "14 bytes");
  }

  @Test
  void rejectsNullsAndInconsistentValues() {
    assertThatThrownBy(() -> new StoreLoad(null, new byte[0], 0, "")).hasMessage("status == null");
    assertThatThrownBy(() -> StoreLoad.current(null, 1)).hasMessage("payload == null");
    assertThatThrownBy(() -> StoreLoad.corrupt(null)).hasMessage("detail == null");
    assertThatThrownBy(() -> StoreLoad.current(bytes("a"), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StoreLoad(Status.CORRUPT, bytes("a"), 0, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
