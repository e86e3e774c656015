package org.opensmartagent.testkit.fleet;

import java.time.Duration;

/**
 * What a fleet run measured. Rates and latencies are wall-clock; counts come from the agents'
 * events and the timed channel; {@code serverInstances} and the usage sums from the mock server's
 * admin view at the end of the run. Immutable.
 *
 * @param registrationWall wall time of the registration window (its renewals included)
 * @param restWall wall time of the rest of the simulated period
 * @param renewalsAfterWindow authorization and ID renewals that ran after the window
 * @param heapPerAgentBytes (heap after GC with the fleet alive - heap after GC before) / agents;
 *     includes the mock server's record of each instance
 */
public record FleetReport(
    int agents,
    Duration simulated,
    Duration wall,
    Duration registrationWall,
    Duration restWall,
    long registrations,
    long registrationFailures,
    long authorizations,
    long idRenewals,
    long renewalsAfterWindow,
    long usageChanges,
    long overUses,
    long outOfComplianceEvents,
    long deregistrations,
    long exchanges,
    long exchangeFailures,
    long p50Micros,
    long p99Micros,
    long peakHeapBytes,
    long heapPerAgentBytes,
    int peakThreads,
    int agentsRegisteredAtEnd,
    int serverInstances,
    long usageRequestedAtEnd,
    long usageOnServerAtEnd) {

  public double registrationsPerSecond() {
    return registrations / seconds(registrationWall);
  }

  public double renewalsPerSecond() {
    return renewalsAfterWindow / seconds(restWall);
  }

  private static double seconds(Duration d) {
    return Math.max(1e-9, d.toNanos() / 1e9);
  }

  @Override
  public String toString() {
    return String.format(
        "agents %,d, simulated %d days in %.1f s wall%n"
            + "registrations %,d (%,d failed) in %.1f s: %.1f/s%n"
            + "authorizations %,d, ID renewals %,d; renewals after the window %,d in %.1f s: %.1f/s%n"
            + "usage changes %,d (over-use %,d), OUT_OF_COMPLIANCE events %,d, deregistrations %,d%n"
            + "server exchanges %,d (%,d failed): p50 %.2f ms, p99 %.2f ms%n"
            + "peak heap %,d MB, heap per agent %,d bytes, peak threads %d%n"
            + "registered at end: agents %,d, server instances %,d; usage requested %,d, on server %,d",
        agents,
        simulated.toDays(),
        seconds(wall),
        registrations,
        registrationFailures,
        seconds(registrationWall),
        registrationsPerSecond(),
        authorizations,
        idRenewals,
        renewalsAfterWindow,
        seconds(restWall),
        renewalsPerSecond(),
        usageChanges,
        overUses,
        outOfComplianceEvents,
        deregistrations,
        exchanges,
        exchangeFailures,
        p50Micros / 1000.0,
        p99Micros / 1000.0,
        peakHeapBytes >> 20,
        heapPerAgentBytes,
        peakThreads,
        agentsRegisteredAtEnd,
        serverInstances,
        usageRequestedAtEnd,
        usageOnServerAtEnd);
  }
}
