package org.opensmartagent.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.opensmartagent.core.AgentEvent;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.Severity;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.reservation.ReturnCode;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.MockLicenseServer;
import org.opensmartagent.testkit.ReservationLine;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.transport.TransportKind;
import org.opensmartagent.transport.Transports;

/**
 * One email gateway's licensing life, against an embedded mock license server over HTTPS, on
 * virtual time so that months pass in a moment. Prints what happens and the status after each step.
 * Everything it starts is stopped and its files are deleted when it ends.
 */
public final class Demo {
  static final EntitlementTag MAIL = EntitlementTag.parse("ESA_Mail_Handling");
  static final EntitlementTag MALWARE = EntitlementTag.parse("ESA_Anti_Malware");
  static final EntitlementTag DLP = EntitlementTag.parse("ESA_Data_Loss_Prevention");
  static final ProductPolicy POLICY =
      ProductPolicy.builder()
          .productName("Email Security Appliance")
          .entitlement(EntitlementDefinition.base(MAIL.value(), "Mail Handling"))
          .entitlement(
              EntitlementDefinition.feature(MALWARE.value(), "Anti-Malware (mailboxes)")
                  .withUnit(CountUnit.USERS))
          .entitlement(EntitlementDefinition.feature(DLP.value(), "Data Loss Prevention"))
          .checkpointInterval(Duration.ofDays(1)) // months pass in seconds: save daily
          .build();

  private final PrintWriter out;
  private final StatusLines status;
  private int step;

  public Demo(PrintWriter out) {
    this.out = out;
    this.status = new StatusLines(out);
  }

  public void run() throws Exception {
    VirtualTime time = new VirtualTime(Clock.systemUTC().instant());
    Path dir = Files.createTempDirectory("license-smart-demo");
    try (MockLicenseServer server =
            MockLicenseServer.builder()
                .clock(time.clock())
                .random(new SecureRandom())
                .build()
                .start();
        SmartAgent agent = agent(server, time, dir)) {
      walk(server, agent, time);
    } finally {
      delete(dir);
    }
  }

  private SmartAgent agent(MockLicenseServer server, VirtualTime time, Path dir) throws Exception {
    return SmartAgent.builder()
        .policy(POLICY)
        .udi(Udi.of("ESA-C170", "FCH2145V0AB"))
        .channel(Transports.channel(server.transportSettings(TransportKind.SMART_TRANSPORT)))
        .pinnedRoot(server.pinnedRoot())
        .reservationSigningChain(server.reservationSigningChain())
        .store(FileTrustedStore.open(dir, DeviceSecret.randomFileIn(dir)))
        .scheduler(time)
        .clock(time.clock())
        .ticker(time.ticker())
        .listener(this::alert)
        .build();
  }

  private void walk(MockLicenseServer server, SmartAgent agent, VirtualTime time) {
    out.println("Open Smart Agent demo: an email gateway against a mock license server at");
    out.println("  " + server.url(TransportKind.SMART_TRANSPORT) + " (Smart Transport, HTTPS)");
    server.admin().createSmartAccount("example-corp").createVirtualAccount("example-corp", "mail");
    server.admin().addLicenses("mail", LicenseGrant.perpetual(MAIL, 5));
    server.admin().addLicenses("mail", LicenseGrant.perpetual(MALWARE, 100));
    server.admin().addLicenses("mail", LicenseGrant.perpetual(DLP, 5));
    String token = server.admin().createToken("mail", TokenSpec.standard("demo gateways"));

    step("Enable smart licensing; the gateway scans 100 mailboxes and checks outgoing mail (DLP)");
    agent.enable();
    agent.request(new EntitlementRequest(MALWARE, 100, CountUnit.USERS));
    agent.request(DLP);
    status.print(agent.status());

    step("Ten days pass unregistered: the evaluation period counts down");
    time.advance(Duration.ofDays(10));
    status.print(agent.status());

    step("Register with a token from the virtual account");
    result(agent.register(token));
    status.print(agent.status());

    step("The company grows to 150 mailboxes; the account holds licenses for 100");
    agent.request(new EntitlementRequest(MALWARE, 150, CountUnit.USERS));
    time.advance(Duration.ofSeconds(5)); // the usage report goes out
    status.print(agent.status());

    step("A month later, still short of licenses: the 30-day grace period has run out");
    time.advance(Duration.ofDays(31));
    status.print(agent.status());

    step("The administrator buys 50 more licenses; the device renews its authorization");
    server.admin().addLicenses("mail", LicenseGrant.perpetual(MALWARE, 50));
    result(agent.renewAuthorization());
    status.print(agent.status());

    step("Deregister: licenses go back to the account, evaluation resumes where it stopped");
    result(agent.deregister());
    status.print(agent.status());

    step("The gateway moves to an air-gapped network: enable reservation, make a request code");
    agent.enableReservation();
    RequestCode request = agent.requestCode(ReservationType.SPECIFIC);
    out.println("   Request code: " + request.text());
    status.print(agent.status());

    step("On the license server, reserve 150 Anti-Malware licenses for that code");
    String code =
        server
            .admin()
            .reserve(
                "mail",
                request.text(),
                ReservationType.SPECIFIC,
                List.of(new ReservationLine(MALWARE, 150), new ReservationLine(MAIL, 1)));
    out.println(
        "   Authorization code: "
            + code.substring(0, 72)
            + "... ("
            + code.length()
            + " characters)");

    step("Install the authorization code on the device; DLP was not reserved");
    agent.installAuthorizationCode(code);
    status.print(agent.status());

    step("Return the reservation: the device gives a return code, the server frees the licenses");
    ReturnCode returned = agent.returnReservation();
    out.println("   Return code: " + returned.text());
    server.admin().returnReservation(returned.text());
    out.println("   The license server accepted the return code.");
    status.print(agent.status());
    out.println();
    out.println("Demo finished. Everything ran in this process; nothing was left behind.");
  }

  private void step(String what) {
    out.println();
    out.println("== " + ++step + ". " + what);
  }

  private void result(OperationResult r) {
    out.println("   -> " + r.outcome() + ": " + r.message());
  }

  private void alert(AgentEvent e) {
    if (e.severity() == Severity.WARNING
        || e.severity() == Severity.ERROR
        || e.severity() == Severity.NOTICE) {
      out.println("   %" + e.code() + ": " + e.message());
    }
  }

  private static void delete(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
