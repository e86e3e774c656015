package org.opensmartagent.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.MockLicenseServer;
import org.opensmartagent.testkit.TokenSpec;
import org.opensmartagent.transport.TransportKind;

/**
 * Runs {@code license_smart} in-process against an in-process mock license server on loopback
 * (https, Smart Transport), with a device state directory per test.
 */
public final class Cli implements AutoCloseable {
  public static final String UDI = "PID:ESA-C170,SN:FCH2145V0AB";
  public static final List<String> TAGS =
      List.of(
          "ESA_Mail_Handling",
          "ESA_Bounce_Verification",
          "ESA_Anti_Malware",
          "ESA_Anti_Spam",
          "ESA_Data_Loss_Prevention",
          "ESA_Outbreak_Filters");

  public final MockLicenseServer server;
  public final Path dir;
  public final Path stateDir;
  public final Path rootPem;
  public final Path tlsCaPem;

  /** What one run printed and returned. */
  public record Run(int code, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  public Cli(Path dir) throws Exception {
    this.dir = dir;
    this.stateDir = dir.resolve("device");
    this.server = MockLicenseServer.builder().build().start();
    this.rootPem = Files.writeString(dir.resolve("root.pem"), server.rootCertificatePem());
    this.tlsCaPem = Files.writeString(dir.resolve("tls-ca.pem"), server.tlsCaCertificatePem());
    server.admin().createSmartAccount("acme").createVirtualAccount("acme", "mail");
    for (String tag : TAGS) {
      server.admin().addLicenses("mail", LicenseGrant.perpetual(EntitlementTag.parse(tag), 10));
    }
  }

  public String token() {
    return server.admin().createToken("mail", TokenSpec.standard("cli test"));
  }

  /** Runs with no input, on this test's device. */
  public Run run(String... args) {
    return runWithInput("", args);
  }

  /** Runs with {@code input} on standard input, on this test's device. */
  public Run runWithInput(String input, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.isEmpty()) {
      all.addAll(List.of("--state-dir", stateDir.toString()));
    } else if (!all.get(0).equals("mock-cssm") && !all.contains("--state-dir")) {
      all.add(1, "--state-dir");
      all.add(2, stateDir.toString());
    }
    return raw(input, all.toArray(String[]::new));
  }

  /** Runs exactly these arguments, with no terminal (as a script would). */
  public static Run raw(String input, String... args) {
    return raw(false, input, args);
  }

  /** Runs on this test's device as if a person answered {@code input} at a terminal. */
  public Run runOnTerminal(String input, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--state-dir", stateDir.toString()));
    return raw(true, input, all.toArray(String[]::new));
  }

  /** Runs exactly these arguments as if a person answered {@code input} at a terminal. */
  public static Run rawOnTerminal(String input, String... args) {
    return raw(true, input, args);
  }

  private static Run raw(boolean terminal, String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io =
        new Io(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            terminal);
    int code = LicenseSmart.run(args, io);
    return new Run(code, out.toString(), err.toString());
  }

  /** The arguments that enable a device in {@code state} against this server. */
  public String[] enableArgs(Path state, String udi) {
    return new String[] {
      "enable",
      "--state-dir",
      state.toString(),
      "--udi",
      udi,
      "--root",
      rootPem.toString(),
      "--smart-transport",
      server.url(TransportKind.SMART_TRANSPORT).toString(),
      "--trusted-ca",
      tlsCaPem.toString()
    };
  }

  /** Enables this test's device against the server. */
  public Run enable() {
    return raw("", enableArgs(stateDir, UDI));
  }

  @Override
  public void close() {
    server.close();
  }
}
