package org.opensmartagent.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opensmartagent.core.reservation.RequestCode;

/** Stored values written by earlier agents still load after a firmware upgrade. */
class StateCodecTest {

  @Test
  void aSoftwareRequestCodeStoredInTheOldFormLoadsAsTheCompactUdi() {
    RequestCode code =
        StateCodec.storedRequestCode(
            "CU-P:CSR1000V,S:9SLUAE4OHFZ,U:b2b3cc7b-ee7e-4b0b-9d8b-3e1b0e9d7f01-AK9A6sMTr-86");

    assertThat(code.text())
        .isEqualTo("P:CSR1000V,S:9SLUAE4OHFZ,U:b2b3cc7b-ee7e-4b0b-9d8b-3e1b0e9d7f01");
    assertThat(code.udi().pid()).isEqualTo("CSR1000V");
    assertThat(code.type()).isEmpty();
  }

  @Test
  void aHardwareRequestCodeIsStoredAndLoadedAsItIs() {
    String text = "CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-86";

    assertThat(StateCodec.storedRequestCode(text).text()).isEqualTo(text);
  }
}
