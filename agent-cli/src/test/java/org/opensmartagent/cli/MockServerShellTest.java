package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/cli.md's mock-server section, from the shell alone: start {@code mock-cssm}, set up the
 * account with the admin subcommands, enable devices with {@code --mock-cssm}, register, and do SLR
 * (reserve, install, update and confirm, return) and PLR, plus faults, tokens and instances.
 */
@Timeout(300) // the whole section takes about 115 s when the build shares 2 cores with others
class MockServerShellTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private Path out;
  private Thread serving;
  private final AtomicInteger servedExit = new AtomicInteger(-1);

  @BeforeEach
  void startMockCssm() throws Exception {
    out = tmp.resolve("cssm");
    CountDownLatch ready = new CountDownLatch(1);
    StringWriter printed =
        new StringWriter() {
          @Override
          public void write(String s, int off, int len) {
            super.write(s, off, len);
            if (toString().contains("Press Ctrl-C")) {
              ready.countDown();
            }
          }
        };
    serving =
        new Thread(
            () ->
                servedExit.set(
                    LicenseSmart.run(
                        new String[] {"mock-cssm", "--out-dir", out.toString(), "--for", "10m"},
                        new PrintWriter(printed, true),
                        new PrintWriter(new StringWriter(), true))),
            "mock-cssm-under-test");
    serving.start();
    assertThat(ready.await(60, TimeUnit.SECONDS)).as(printed.toString()).isTrue();
    assertThat(printed.toString()).contains("--mock-cssm " + out.toAbsolutePath());
  }

  @AfterEach
  void stopMockCssm() throws Exception {
    serving.interrupt();
    serving.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(serving.isAlive()).isFalse();
  }

  /** Runs {@code license_smart mock-cssm ARGS --mock-cssm OUT} and asserts it succeeded. */
  private Cli.Run admin(String... args) {
    List<String> all = new ArrayList<>(List.of("mock-cssm"));
    all.addAll(List.of(args));
    all.add("--mock-cssm");
    all.add(out.toString());
    Cli.Run r = Cli.raw("", all.toArray(String[]::new));
    assertThat(r.code()).as(String.join(" ", all) + "\n" + r.all()).isZero();
    return r;
  }

  private static Cli.Run device(Path state, String input, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add(1, "--state-dir");
    all.add(2, state.toString());
    Cli.Run r = run(input, all.toArray(String[]::new));
    assertThat(r.code()).as(String.join(" ", all) + "\n" + r.all()).isZero();
    return r;
  }

  private static Cli.Run run(String input, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code =
        LicenseSmart.run(
            args,
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(o, true),
            new PrintWriter(e, true));
    return new Cli.Run(code, o.toString(), e.toString());
  }

  private Path enable(String name, String serial) {
    Path state = tmp.resolve(name);
    Cli.Run r =
        run(
            "",
            "enable",
            "--state-dir",
            state.toString(),
            "--udi",
            "PID:ESA-C170,SN:" + serial,
            "--mock-cssm",
            out.toString());
    assertThat(r.code()).as(r.all()).isZero();
    return state;
  }

  private static JsonNode data(Cli.Run r) throws Exception {
    return JSON.readTree(r.out()).path("data");
  }

  @Test
  void theWholeMockServerSectionFromTheShell() throws Exception {
    for (String f :
        new String[] {
          "mock-cssm-root.pem",
          "mock-cssm-tls-ca.pem",
          "mock-cssm-reservation-chain.pem",
          "mock-cssm-admin-token",
          "mock-cssm-urls.properties"
        }) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f))))
          .as(f)
          .isEqualTo("rw-------");
    }
    String adminToken = Files.readString(out.resolve("mock-cssm-admin-token")).strip();

    admin("accounts", "create", "acme", "--virtual-account", "mail");
    for (String tag : Cli.TAGS) {
      admin("licenses", "add", "mail", tag, "5");
    }
    admin("licenses", "add", "mail", "ESA_Anti_Spam", "1", "--allow-overage");
    assertThat(admin("accounts", "list").out()).contains("acme/mail");
    Path tokenFile = tmp.resolve("token.txt");
    assertThat(admin("tokens", "create", "mail", "--out", tokenFile.toString()).out())
        .contains("Wrote the token to");
    String token = Files.readString(tokenFile).strip();
    assertThat(admin("tokens", "list", "mail").out())
        .contains("1 token\n", token.substring(0, 8))
        .doesNotContain(token);

    // a registered device, authorized for what it uses
    Path online = enable("online", "FCH0000001");
    device(online, token, "register", "--token-stdin");
    device(online, "", "requestsmart_license", "ESA_Anti_Spam");
    assertThat(device(online, "", "status").out())
        .contains("License Authorization Status: Authorized (");
    Cli.Run instances = admin("instances", "list");
    assertThat(instances.out()).contains("1 instance\n", "ESA-C170");
    assertThat(admin("instances", "show", "PID:ESA-C170,SN:FCH0000001").out())
        .contains("acme/mail", "ID certificate valid until");
    Cli.Run licenses = admin("licenses", "list", "mail", "--json");
    assertThat(data(licenses).at("/answer/usage").toString()).contains("ESA_Anti_Spam");

    // faults reach the device
    admin("faults", "inject", "--fail", "503", "--times", "5");
    assertThat(admin("faults", "list").out()).contains("5 faults pending");
    Cli.Run failed = run("", "renew_auth", "--state-dir", online.toString());
    assertThat(failed.code()).as(failed.all()).isNotZero();
    admin("faults", "clear");
    assertThat(admin("faults", "list", "--json").out()).contains("\"pending\" : 0");
    device(online, "", "renew_auth");

    // SLR: reserve, install, update and confirm, return
    Path slr = enable("slr", "FCH0000002");
    device(slr, "", "enable_reservation");
    // what `request_code > request.txt` leaves: the code after "Request code: " and a hint
    Path requestFile =
        Files.writeString(tmp.resolve("request.txt"), device(slr, "", "request_code").out());
    Path auth = tmp.resolve("auth.txt");
    admin(
        "reservations",
        "reserve",
        "mail",
        "ESA_Anti_Malware=1",
        "--request-file",
        requestFile.toString(),
        "--out",
        auth.toString());
    device(slr, "", "install_authorization_code", "--file", auth.toString());
    assertThat(device(slr, "", "status").out())
        .contains("Registration Status: Registered - Specific License Reservation");
    Path update = tmp.resolve("update.txt");
    admin(
        "reservations",
        "update",
        "mail",
        "ESA_Anti_Malware=2",
        "--request-file",
        requestFile.toString(),
        "--out",
        update.toString());
    Cli.Run reauth = device(slr, "", "reauthorize", "--file", update.toString());
    String confirmation = reauth.out().replaceAll("(?s).*Confirmation code: ([0-9a-f]{8}).*", "$1");
    assertThat(confirmation).matches("[0-9a-f]{8}");
    // "$(cat request.txt)": the file's text without its last newlines, label and hint included
    admin("reservations", "confirm", Files.readString(requestFile).stripTrailing(), confirmation);
    Cli.Run returned = device(slr, "", "return_reservation", "--yes");
    String returnCode = returned.out().replaceAll("(?s).*Return code: (\\S+).*", "$1");
    Cli.Run freed = admin("reservations", "return", "--code", returnCode);
    assertThat(freed.out()).contains("back in the pool");
    Path returnFile = Files.writeString(tmp.resolve("return.txt"), returned.out());
    Cli.Run twice =
        run(
            "",
            "mock-cssm",
            "reservations",
            "return",
            "--file",
            returnFile.toString(),
            "--mock-cssm",
            out.toString());
    assertThat(twice.code()).as("a return code is used once").isEqualTo(5);

    // PLR: the type comes from the request code
    Path plr = enable("plr", "FCH0000003");
    device(plr, "", "enable_reservation");
    Path plrFile =
        Files.writeString(tmp.resolve("plr.txt"), device(plr, "", "request_code", "--plr").out());
    Path plrAuth = tmp.resolve("plr-auth.txt");
    admin(
        "reservations",
        "reserve",
        "mail",
        "--request-file",
        plrFile.toString(),
        "--out",
        plrAuth.toString());
    device(plr, "", "install_authorization_code", "--file", plrAuth.toString());
    assertThat(device(plr, "", "status").out())
        .contains("Registration Status: Registered - Universal (Permanent) License Reservation");

    JsonNode list = data(admin("reservations", "list", "--json")).path("answer");
    assertThat(list).hasSize(2);
    assertThat(list.toString()).contains("RETURNED", "UNIVERSAL");

    // revoke the token by its id; remove the online instance
    admin("tokens", "revoke", token.substring(0, 8));
    assertThat(admin("tokens", "list", "mail").out()).contains("REVOKED");
    admin("instances", "remove", "PID:ESA-C170,SN:FCH0000001");
    assertThat(admin("instances", "list").out()).contains("0 instances");

    // the admin token was never printed
    for (Cli.Run r : List.of(instances, licenses, reauth, returned)) {
      assertThat(r.all()).doesNotContain(adminToken);
    }
  }

  @Test
  void startedAgainOnItsOutDirItKeepsTheAdminTokenThePortAndTheRoot() throws Exception {
    // no admin command before the restart: in this JVM its HTTP client would keep a connection
    // to the old port open, which a real shell (a process that exits) does not
    String token = Files.readString(out.resolve("mock-cssm-admin-token"));
    String urls = Files.readString(out.resolve("mock-cssm-urls.properties"));
    String root = Files.readString(out.resolve("mock-cssm-root.pem"));
    // a shell that read the directory before the restart keeps its token and URL
    Path copy = tmp.resolve("copy");
    Files.createDirectories(copy);
    for (String f :
        List.of("mock-cssm-admin-token", "mock-cssm-urls.properties", "mock-cssm-tls-ca.pem")) {
      Files.copy(out.resolve(f), copy.resolve(f));
    }

    stopMockCssm();
    startMockCssm();

    assertThat(Files.readString(out.resolve("mock-cssm-admin-token"))).isEqualTo(token);
    assertThat(Files.readString(out.resolve("mock-cssm-urls.properties"))).isEqualTo(urls);
    assertThat(Files.readString(out.resolve("mock-cssm-root.pem"))).isEqualTo(root);
    Cli.Run created =
        Cli.raw(
            "",
            "mock-cssm",
            "accounts",
            "create",
            "acme",
            "--virtual-account",
            "mail",
            "--mock-cssm",
            copy.toString());
    assertThat(created.code()).as(created.all()).isZero();
  }

  @Test
  void adminCommandsWithoutTheServersFilesSayWhereToFindThem() {
    Cli.Run r = Cli.raw("", "mock-cssm", "instances", "list", "--mock-cssm", tmp.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("holds no mock license server files", "mock-cssm --out-dir");
  }

  @Test
  void aWrongAdminTokenIsRefused() throws Exception {
    Path copy = tmp.resolve("copy");
    Files.createDirectories(copy);
    for (String f : new String[] {"mock-cssm-urls.properties", "mock-cssm-tls-ca.pem"}) {
      Files.copy(out.resolve(f), copy.resolve(f));
    }
    Files.writeString(copy.resolve("mock-cssm-admin-token"), "guessed-admin-token-000000\n");
    Cli.Run r = Cli.raw("", "mock-cssm", "accounts", "list", "--mock-cssm", copy.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.all()).contains("admin token");
  }
}
