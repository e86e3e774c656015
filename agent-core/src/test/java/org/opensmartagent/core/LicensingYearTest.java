package org.opensmartagent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.core.Fixtures.MALWARE;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One agent through a licensing year on virtual time. */
class LicensingYearTest {

  @Test
  void evaluationRegisteredAuthorizedOutOfComplianceAuthorizedExpiredUnregistered()
      throws Exception {
    try (Fixtures f = new Fixtures()) {
      SmartAgent agent = f.agent;
      agent.enable();
      agent.request(MALWARE);
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.EVALUATION);

      f.advanceDays(10);
      assertThat(agent.register("TOKEN-abc123").succeeded()).isTrue();
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(80));

      f.server.setOutOfCompliance(MALWARE, true);
      f.advanceDays(30); // the scheduled renewal reports usage and learns of the over-use
      assertThat(f.status().authorization().state())
          .isEqualTo(AuthorizationState.OUT_OF_COMPLIANCE);
      assertThat(f.mode(MALWARE)).isEqualTo(EnforcementMode.OUT_OF_COMPLIANCE);

      f.server.setOutOfCompliance(MALWARE, false); // licenses added to the account
      assertThat(agent.renewAuthorization().succeeded()).isTrue();
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);

      f.server.setDown(true);
      f.advanceDays(89);
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
      f.advanceDays(1);
      assertThat(f.status().authorization().state())
          .isEqualTo(AuthorizationState.AUTHORIZATION_EXPIRED);
      assertThat(agent.isAllowed(MALWARE)).isFalse(); // anti-malware is DENY_WHEN_EXPIRED

      // Day 130 now. The ID certificate issued on day 10 could not be renewed on day 190 (the
      // server is down), so it expires on day 375, before 365 days without contact (day 405).
      f.advanceDays(244);
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.REGISTERED);
      f.advanceDays(1);
      assertThat(f.status().registration().state())
          .isEqualTo(RegistrationState.REGISTRATION_EXPIRED);
      assertThat(f.status().authorization().state()).isEqualTo(AuthorizationState.EVALUATION);
      assertThat(f.status().evaluation().remaining()).isEqualTo(Duration.ofDays(80));
      assertThat(agent.isAllowed(MALWARE)).isTrue();

      assertThat(agent.deregister().succeeded()).isTrue();
      assertThat(f.status().registration().state()).isEqualTo(RegistrationState.UNREGISTERED);
      assertThat(f.codes())
          .containsSubsequence(
              EventCode.AGENT_ENABLED,
              EventCode.EVAL_STARTED,
              EventCode.AGENT_REG_SUCCESS,
              EventCode.AUTH_RENEW_SUCCESS,
              EventCode.OUT_OF_COMPLIANCE,
              EventCode.IN_COMPLIANCE,
              EventCode.COMM_FAILED,
              EventCode.AUTH_EXPIRED,
              EventCode.REGISTRATION_EXPIRED,
              EventCode.AGENT_DEREG_SUCCESS);
    }
  }
}
