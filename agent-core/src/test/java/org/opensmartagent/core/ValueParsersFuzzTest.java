package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the parsers of operator and server text in the public value types. Without {@code
 * JAZZER_FUZZ=1} each target runs over its seed corpus in {@code ValueParsersFuzzTestInputs}; see
 * docs/reliability.md for the long run.
 */
class ValueParsersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void udiParse(byte[] data) {
    String text = Contract.text(data);
    Contract.holds(
        () -> {
          Udi udi = Udi.parse(text);
          assertThat(Udi.parse(udi.toCompactString())).isEqualTo(udi);
        },
        IllegalArgumentException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void entitlementTagParse(byte[] data) {
    String text = Contract.text(data);
    Contract.holds(
        () -> {
          EntitlementTag tag = EntitlementTag.parse(text);
          assertThat(EntitlementTag.parse(tag.value())).isEqualTo(tag);
        },
        IllegalArgumentException.class);
  }
}
