package org.opensmartagent.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opensmartagent.core.identity.IdentityException.Reason;

class IdentityExceptionTest {
  @ParameterizedTest
  @EnumSource(Reason.class)
  void messageSaysWhatHappenedAndWhatToDo(Reason reason) {
    IdentityException e = new IdentityException(reason, "something specific happened");

    assertThat(e.reason()).isEqualTo(reason);
    assertThat(reason.advice()).isNotBlank();
    assertThat(e.getMessage())
        .isEqualTo(reason + ": something specific happened. " + reason.advice());
  }
}
