package org.opensmartagent.core.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.PublicKey;
import java.time.Instant;
import org.opensmartagent.core.Contract;
import org.opensmartagent.core.identity.IdentityException;

/** Fuzzes the parsers of the codes an operator pastes during offline reservation. */
class ReservationCodesFuzzTest {
  private static final PublicKey KEY =
      new ReservationAuthority(Instant.parse("2026-01-01T00:00:00Z")).signingChainKey();

  @FuzzTest(maxDuration = "30s")
  void requestCodeParse(byte[] data) {
    String text = Contract.text(data);
    Contract.holds(
        () -> {
          RequestCode code = RequestCode.parse(text);
          assertThat(code.udi()).isNotNull();
          assertThat(RequestCode.parse(code.text())).isEqualTo(code);
        },
        IllegalArgumentException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void confirmationCodeParse(byte[] data) {
    String text = Contract.text(data);
    Contract.holds(
        () -> assertThat(ConfirmationCode.parse(text)).matches("[0-9a-f]{8}"),
        IllegalArgumentException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void returnCodeParse(byte[] data) {
    String text = Contract.text(data);
    Contract.holds(() -> ReturnCode.parse(text), IllegalArgumentException.class);
  }

  @FuzzTest(maxDuration = "30s")
  void authorizationCodeParseAndVerify(byte[] data) {
    String text = Contract.text(data);
    AuthorizationCode[] parsed = new AuthorizationCode[1];
    Contract.holds(() -> parsed[0] = AuthorizationCode.parse(text), IllegalArgumentException.class);
    if (parsed[0] != null) {
      // A parsed code may still be forged: verifying it must only ever say so.
      Contract.holds(() -> parsed[0].verify(KEY), IdentityException.class);
      Contract.holds(() -> ConfirmationCode.of(parsed[0]));
    }
  }
}
