package org.opensmartagent.core.store;

import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;

/** AssertJ assertions that read like the store's domain. */
final class StoreLoadAssert extends AbstractAssert<StoreLoadAssert, StoreLoad> {

  private StoreLoadAssert(StoreLoad actual) {
    super(actual, StoreLoadAssert.class);
  }

  static StoreLoadAssert assertThatLoad(StoreLoad actual) {
    return new StoreLoadAssert(actual);
  }

  StoreLoadAssert hasStatus(StoreLoad.Status expected) {
    isNotNull();
    Assertions.assertThat(actual.status()).as("status of %s", actual).isEqualTo(expected);
    return this;
  }

  StoreLoadAssert isCurrent(String payload) {
    return hasStatus(StoreLoad.Status.CURRENT).hasPayload(payload);
  }

  StoreLoadAssert isRecovered(String payload) {
    return hasStatus(StoreLoad.Status.RECOVERED_FROM_PREVIOUS).hasPayload(payload);
  }

  StoreLoadAssert isRestored(String payload) {
    return hasStatus(StoreLoad.Status.RESTORED).hasPayload(payload);
  }

  StoreLoadAssert isCorrupt() {
    return hasStatus(StoreLoad.Status.CORRUPT).hasPayload("");
  }

  StoreLoadAssert hasPayload(String expected) {
    isNotNull();
    String payload = new String(actual.payload(), StandardCharsets.UTF_8);
    Assertions.assertThat(payload).as("payload of %s", actual).isEqualTo(expected);
    return this;
  }

  StoreLoadAssert hasGeneration(long expected) {
    isNotNull();
    Assertions.assertThat(actual.generation()).as("generation of %s", actual).isEqualTo(expected);
    return this;
  }

  StoreLoadAssert detailContains(String... fragments) {
    isNotNull();
    Assertions.assertThat(actual.detail()).contains(fragments);
    return this;
  }
}
