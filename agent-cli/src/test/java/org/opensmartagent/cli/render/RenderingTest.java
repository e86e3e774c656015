package org.opensmartagent.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opensmartagent.cli.command.DurationConverter;
import org.opensmartagent.cli.config.TransportConfig;
import org.opensmartagent.cli.shell.MenuItem;
import org.opensmartagent.core.AgentStatus.Operation;
import org.opensmartagent.transport.TransportKind;

/** The small renderers and parsers. */
class RenderingTest {
  @Test
  void durationsReadLikeTheDevice() {
    assertThat(Times.format(Duration.ofDays(87).plusHours(1).plusMinutes(41)))
        .isEqualTo("87 days 1 hr 41 min 0 sec");
    assertThat(Times.format(Duration.ofDays(1))).isEqualTo("1 day 0 hr 0 min 0 sec");
    assertThat(Times.format(Duration.ofSeconds(-5))).isEqualTo("0 days 0 hr 0 min 0 sec");
    assertThat(Times.format(Instant.parse("2026-03-20T10:45:29Z")))
        .isEqualTo("Mar 20 10:45:29 2026 UTC");
    assertThat(Times.current(Instant.parse("2018-08-22T07:21:59Z"))).isEqualTo("22 Aug 2018 07:21");
    assertThat(Times.current(Duration.ofDays(90))).isEqualTo("90 days 0 hours 0 minutes 0 seconds");
    assertThat(Times.current(Duration.ofSeconds(-1)))
        .isEqualTo("0 days 0 hours 0 minutes 0 seconds");
  }

  @Test
  void withNothingInUseSummarySaysSo() {
    org.opensmartagent.core.AgentStatus s = ScreenStates.unregisteredEvaluation();
    org.opensmartagent.core.AgentStatus disabled =
        new org.opensmartagent.core.AgentStatus(
            s.takenAt(),
            false,
            s.productName(),
            s.udis(),
            s.agentVersion(),
            s.registration(),
            s.authorization(),
            s.evaluation(),
            true,
            true,
            s.transport(),
            s.entitlements().stream()
                .map(
                    e ->
                        new org.opensmartagent.core.AgentStatus.Entitlement(
                            e.tag(),
                            e.displayName(),
                            e.description(),
                            e.version(),
                            e.count(),
                            e.unit(),
                            e.base(),
                            org.opensmartagent.core.EnforcementMode.DISABLED,
                            false,
                            e.graceEnds(),
                            e.reason()))
                .toList(),
            s.reservation(),
            s.allowedOperations());
    assertThat(SummaryScreen.render(disabled))
        .containsExactly("There are no active licenses to display");
    assertThat(StatusScreen.render(disabled, ScreenStates.transport(TransportKind.DIRECT), "h"))
        .contains("Smart Licensing is: Disabled");
    assertThat(ClassicStatusScreen.render(disabled, ScreenStates.transport(TransportKind.DIRECT)))
        .containsSubsequence(
            "Smart Licensing is DISABLED",
            "License Conversion:",
            "  Automatic Conversion Enabled: true",
            "  Status: SUCCEEDED",
            "License Usage",
            "No licenses in use");
  }

  @Test
  void theUnregisteredMenuIsTheDevicesOne() {
    List<String> lines =
        MenuItem.shown(
                EnumSet.of(Operation.REGISTER, Operation.URL, Operation.STATUS, Operation.SUMMARY))
            .stream()
            .map(MenuItem::line)
            .toList();
    assertThat(lines)
        .containsExactly(
            "- REGISTER - Register the product for Smart Licensing.",
            "- URL - Set the Smart Transport URL.",
            "- STATUS - Show overall Smart Licensing status.",
            "- SUMMARY - Show Smart Licensing status summary.");
    assertThat(MenuItem.parse("renew_auth")).contains(MenuItem.RENEW_AUTH);
    assertThat(MenuItem.parse("bogus")).isEmpty();
  }

  @Test
  void durationsParse() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(c.convert("PT1H")).isEqualTo(Duration.ofHours(1));
    assertThat(c.convert("2d")).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void theProxyPasswordNeverReachesAView() {
    TransportConfig t =
        TransportConfig.defaults()
            .withProxy(
                Optional.of(
                    new TransportConfig.Proxy(
                        "p.example", 3128, Optional.of("u"), Optional.of("hunter2"))));
    assertThat(t.toString()).doesNotContain("hunter2").contains("p.example:3128 (user u)");
    assertThat(TransportView.of(t).toString()).doesNotContain("hunter2");
    assertThat(TransportConfig.Proxy.parse("h:1").address()).isEqualTo("h:1");
  }
}
