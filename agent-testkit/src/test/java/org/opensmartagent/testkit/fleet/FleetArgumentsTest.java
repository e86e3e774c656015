package org.opensmartagent.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FleetArgumentsTest {
  @Test
  void aMissingValueIsAnErrorNamingTheOptionNotAnIndexException() {
    assertThatThrownBy(() -> FleetArguments.parse(new String[] {"--agents"}, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--agents");
    assertThatThrownBy(() -> FleetArguments.parse(new String[] {"--kind", "PIGEON"}, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PIGEON");
    assertThatThrownBy(() -> FleetArguments.parse(new String[] {"--agents", "0"}, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agents must be at least 1");
    assertThat(FleetArguments.usage()).contains("--agents", "--window-days");
  }

  @Test
  void validArgumentsConfigureTheBuilder() {
    assertThat(
            FleetArguments.parse(
                new String[] {"--agents", "3", "--days", "5", "--kind", "SMART_TRANSPORT"}, false))
        .isNotNull();
  }
}
