package org.opensmartagent.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opensmartagent.transport.TransportKind;

class FleetSimulatorTest {

  @Test
  void aSmallFleetsReportMatchesTheServer() throws Exception {
    FleetReport r =
        FleetSimulator.builder()
            .agents(6)
            .duration(Duration.ofDays(35))
            .registrationWindow(Duration.ofDays(1))
            .deregisterFraction(0.5)
            .overUseFraction(0.3)
            .seed(7)
            .build()
            .run();

    assertThat(r.registrations()).isEqualTo(6);
    assertThat(r.registrationFailures()).isZero();
    assertThat(r.agentsRegisteredAtEnd()).isEqualTo(6 - (int) r.deregistrations());
    assertThat(r.serverInstances()).isEqualTo(r.agentsRegisteredAtEnd());
    assertThat(r.usageOnServerAtEnd()).isEqualTo(r.usageRequestedAtEnd());
    // the first authorization at registration, then one renewal every 30 days
    assertThat(r.authorizations()).isGreaterThanOrEqualTo(6 + r.agentsRegisteredAtEnd());
    assertThat(r.renewalsAfterWindow()).isPositive();
    assertThat(r.exchanges()).isGreaterThanOrEqualTo(r.registrations() + r.authorizations());
    assertThat(r.exchangeFailures()).isZero();
    assertThat(r.p99Micros()).isGreaterThanOrEqualTo(r.p50Micros()).isPositive();
    assertThat(r.peakHeapBytes()).isPositive();
    assertThat(r.peakThreads()).isPositive();
    assertThat(r.toString()).contains("registrations 6");
  }

  @Test
  void agentsOnDiskOverSmartTransportRegisterAndRenew() throws Exception {
    FleetReport r =
        FleetSimulator.builder()
            .agents(2)
            .onDisk(true)
            .transport(TransportKind.SMART_TRANSPORT)
            .duration(Duration.ofDays(32))
            .registrationWindow(Duration.ofHours(2))
            .deregisterFraction(0)
            .workers(2)
            .build()
            .run();

    assertThat(r.registrations()).isEqualTo(2);
    assertThat(r.serverInstances()).isEqualTo(2);
    assertThat(r.agentsRegisteredAtEnd()).isEqualTo(2);
    assertThat(r.usageOnServerAtEnd()).isEqualTo(r.usageRequestedAtEnd());
    assertThat(r.renewalsAfterWindow()).isGreaterThanOrEqualTo(2);
  }
}
