package org.opensmartagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmartagent.testkit.ReservationFixture.MAIL;
import static org.opensmartagent.testkit.ReservationFixture.MALWARE;
import static org.opensmartagent.testkit.ReservationFixture.mode;
import static org.opensmartagent.testkit.ReservationFixture.requestCode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opensmartagent.core.AuthorizationState;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EntitlementRequest;
import org.opensmartagent.core.OperationResult;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.reservation.RequestCode;
import org.opensmartagent.core.reservation.ReservationType;

/**
 * The portal in a real browser (Debian's headless Chromium through Selenium) against a real mock
 * server and real agents: a tester runs a device's whole life, classic and reservation, from the
 * pages, and hostile input is refused. Also writes a PNG of each main page to {@code
 * target/portal-screenshots}, and to the directory named by {@code -Dportal.screenshots} when set.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PortalBrowserTest {
  private static final List<String> PAGES =
      List.of("account", "licenses", "tokens", "instances", "reservations", "events", "faults");
  private static PortalBrowser browser;
  private ReservationFixture r;
  private String portal;

  @BeforeAll
  static void startBrowser() throws IOException {
    browser = new PortalBrowser();
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void start() throws Exception {
    r = new ReservationFixture();
    portal = r.f.server.portalUrl().toString();
    browser.driver.manage().deleteAllCookies();
    browser.width(1280, 1000);
  }

  @AfterEach
  void stop() {
    r.close();
  }

  @Test
  void signInRefusesAWrongTokenAndAdmitsTheAdminTokenWithAnHttpOnlyCookie() {
    browser.open(portal);
    assertThat(browser.driver.getCurrentUrl()).endsWith("/portal/sign-in");
    browser.type("#token", "not-the-admin-token");
    browser.submit("form");
    assertThat(browser.text("#error")).contains("not this server's admin token");
    assertThat(browser.driver.findElements(By.cssSelector("nav"))).isEmpty();

    signIn();

    assertThat(browser.driver.getCurrentUrl()).endsWith("/portal/account");
    assertThat(browser.text("main")).contains("acme").contains("lab");
    Cookie cookie = browser.driver.manage().getCookieNamed("osa_portal");
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.isSecure()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");

    browser.submit(browser.find("form.signout button"));
    browser.open(portal + "/tokens");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/portal/sign-in");
  }

  @Test
  void aDeviceRegistersWithATokenFromThePortalAndBecomesCompliantWhenLicensesAreAdded()
      throws Exception {
    signIn();
    addLicenses("lab", MAIL.value(), 5);
    addLicenses("lab", MALWARE.value(), 1);
    browser.open(portal + "/tokens");
    browser.type("#tok-desc", "lab devices, from the portal").type("#tok-uses", "5");
    browser.submit(form("create"));
    String token = browser.find("#new-token").getAttribute("value");
    assertThat(token).hasSizeGreaterThan(40);
    assertThat(browser.text("#tokens")).contains("lab devices, from the portal").contains("0 of 5");
    browser.open(portal + "/tokens");
    assertThat(browser.driver.getPageSource()).contains(token.substring(0, 8));
    assertThat(browser.driver.getPageSource()).doesNotContain(token.substring(8));

    browser.open(portal + "/instances");
    assertThat(browser.text("main")).contains("No product instance has registered");
    SmartAgent agent = r.agent("FCH0001");
    agent.request(new EntitlementRequest(MALWARE, 3, CountUnit.DEVICES));
    OperationResult registered = agent.register(token);
    assertThat(registered.succeeded()).as(registered.message()).isTrue();
    assertThat(mode(agent, MALWARE)).isEqualTo(EnforcementMode.OUT_OF_COMPLIANCE);

    browser.open(portal + "/instances");
    assertThat(browser.text("#instances"))
        .contains("PID:ESA-C170,SN:FCH0001")
        .contains("acme / lab")
        .contains("ESA_Anti_Malware × 3: Out of compliance");
    browser.open(portal + "/licenses");
    assertThat(row("#licenses-lab", MALWARE.value()))
        .isEqualTo(List.of(MALWARE.value(), "1", "3", "-2", "no", "Out of compliance"));
    shot("licenses-out-of-compliance");

    addLicenses("lab", MALWARE.value(), 2);
    assertThat(row("#licenses-lab", MALWARE.value()))
        .isEqualTo(List.of(MALWARE.value(), "3", "3", "0", "no", "In compliance"));
    assertThat(agent.renewAuthorization().succeeded()).isTrue();
    assertThat(agent.status().authorization().state()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(mode(agent, MALWARE)).isEqualTo(EnforcementMode.AUTHORIZED);
    browser.open(portal + "/instances");
    assertThat(browser.text("#instances")).contains("ESA_Anti_Malware × 3: In compliance");
    shot("instances");
    shot("licenses", "/licenses");

    browser.open(portal + "/tokens");
    browser.submit(browser.find("#tokens tbody tr:last-child button[aria-label^='Revoke token']"));
    assertThat(browser.text("#notice")).contains("Token revoked");
    assertThat(browser.text("#tokens tbody tr:last-child .status")).isEqualTo("Revoked");
    shot("tokens");
    SmartAgent second = r.agent("FCH0002");
    OperationResult refused = second.register(token);
    assertThat(refused.succeeded()).isFalse();
    assertThat(refused.message()).containsIgnoringCase("revoked");

    browser.open(portal + "/instances");
    browser.submit(browser.find("button[aria-label='Remove PID:ESA-C170,SN:FCH0001']"));
    assertThat(browser.text("#notice")).contains("removed");
    assertThat(browser.text("main")).contains("No product instance has registered");
    assertThat(r.f.server.admin().instances()).isEmpty();

    browser.open(portal + "/events");
    assertThat(browser.text("#events"))
        .contains("revoked a token")
        .contains("register [PID:ESA-C170,SN:FCH0002]: rejected TOKEN_REVOKED")
        .contains("register [PID:ESA-C170,SN:FCH0001]: accepted")
        .doesNotContain(token);
    shot("events");
    shot("account", "/account");
    shot("faults", "/faults");
  }

  @Test
  void aReservationIsMadeForTheAgentsRequestCodeInstalledAndReturned() throws Exception {
    signIn();
    addLicenses("lab", MALWARE.value(), 2);
    SmartAgent agent = r.agent("FCH0003");
    agent.request(MALWARE);
    RequestCode request = requestCode(agent, ReservationType.SPECIFIC);

    browser.open(portal + "/reservations");
    browser.type("#res-code", request.text()).type("#res-lines", MALWARE.value() + "=1");
    browser.submit(form("reserve"));
    String code = browser.find("#authorization-code").getAttribute("value");
    agent.installAuthorizationCode(code);
    assertThat(mode(agent, MALWARE)).isEqualTo(EnforcementMode.RESERVED_AUTHORIZED);
    assertThat(browser.text("#reservations"))
        .contains("P:ESA-C170,S:FCH0003")
        .contains("ESA_Anti_Malware × 1")
        .contains("RESERVED");
    shot("reservations");
    browser.open(portal + "/licenses");
    assertThat(row("#licenses-lab", MALWARE.value()).subList(1, 4))
        .isEqualTo(List.of("2", "1", "1"));

    browser.open(portal + "/reservations");
    browser.type("#res-code", request.text()).type("#res-lines", MALWARE.value() + "=2");
    browser.submit(form("reserve"));
    assertThat(browser.text("#reservations tbody tr:last-child .status"))
        .isEqualTo("AWAITING CONFIRMATION");
    String confirmation =
        agent.reauthorize(browser.find("#authorization-code").getAttribute("value"));
    browser.type("#conf-req", request.text()).type("#conf-code", confirmation);
    browser.submit(form("confirm"));
    assertThat(browser.text("#notice")).contains("Confirmation code accepted");
    assertThat(browser.text("#reservations tbody tr:last-child .status")).isEqualTo("RESERVED");
    assertThat(browser.text("#reservations")).contains("ESA_Anti_Malware × 2");

    String returnCode = agent.returnReservation().text();
    browser.open(portal + "/reservations");
    browser.type("#ret-code", returnCode);
    browser.submit(form("return"));
    assertThat(browser.text("#notice")).contains("Return code accepted");
    assertThat(browser.text("#reservations tbody tr:last-child .status")).isEqualTo("RETURNED");
    browser.open(portal + "/licenses");
    assertThat(row("#licenses-lab", MALWARE.value()).subList(1, 4))
        .isEqualTo(List.of("2", "0", "2"));

    browser.open(portal + "/reservations");
    browser.type("#ret-code", returnCode);
    browser.submit(form("return"));
    assertThat(browser.text("#error")).isNotBlank();
  }

  @Test
  void scriptInjectionIsShownAsTextAndRefusedNamesLeaveTheStateAlone() {
    signIn();
    String hostile = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
    browser.open(portal + "/tokens");
    browser.type("#tok-desc", hostile);
    browser.submit(form("create"));
    assertThat(browser.text("#tokens")).contains(hostile);
    assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    assertNoAlert();

    browser.open(portal + "/account");
    browser.type("#sa-name", "x");
    browser.driver.executeScript(
        "document.getElementById('sa-name').removeAttribute('pattern');"
            + "document.getElementById('sa-name').value = arguments[0];",
        "<b>evil</b>");
    browser.submit(form("createSmartAccount"));
    assertThat(browser.text("#error")).contains("must be 1..64 letters").contains("<b>evil</b>");
    assertThat(browser.driver.findElements(By.cssSelector("main b"))).isEmpty();
    assertThat(r.f.server.admin().instances()).isEmpty();
    assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
  }

  @Test
  void oversizeValuesAreRefusedWithTheLimit() {
    signIn();
    browser.open(portal + "/tokens");
    browser.driver.executeScript(
        "var d = document.getElementById('tok-desc'); d.removeAttribute('maxlength');"
            + " d.value = 'x'.repeat(5000);");
    browser.submit(form("create"));
    assertThat(browser.text("#error"))
        .isEqualTo("The description is 5000 characters; at most 200 are accepted");
    assertThat(browser.driver.findElements(By.cssSelector("#tokens tbody tr"))).hasSize(1);

    browser.driver.executeScript(
        "var d = document.getElementById('tok-desc'); d.removeAttribute('maxlength');"
            + " d.value = 'x'.repeat(70000);");
    browser.submit(form("create"));
    assertThat(browser.text("#error")).contains("larger than 65536 bytes");
    assertThat(browser.driver.findElements(By.cssSelector("#tokens tbody tr"))).hasSize(1);
  }

  @Test
  void formsWithoutTheSessionsCsrfTokenAreRefusedAndChangeNothing() throws Exception {
    signIn();
    String session = browser.driver.manage().getCookieNamed("osa_portal").getValue();
    String csrf = browser.find("input[name=csrf]").getAttribute("value");
    OkHttpClient client = client();
    try {
      FormBody noToken =
          new FormBody.Builder().add("action", "createSmartAccount").add("name", "forged").build();
      FormBody wrongToken =
          new FormBody.Builder()
              // a token that differs in its first character (one in 64 real tokens starts with A)
              .add("csrf", (csrf.charAt(0) == 'A' ? "B" : "A") + csrf.substring(1))
              .add("action", "createSmartAccount")
              .add("name", "forged")
              .build();
      FormBody rightToken =
          new FormBody.Builder()
              .add("csrf", csrf)
              .add("action", "createSmartAccount")
              .add("name", "genuine")
              .build();
      try (Response a = post(client, session, noToken);
          Response b = post(client, session, wrongToken)) {
        assertThat(a.code()).isEqualTo(403);
        assertThat(b.code()).isEqualTo(403);
        assertThat(a.body().string()).contains("security token is missing or stale");
      }
      try (Response json =
          post(
              client,
              session,
              RequestBody.create("{\"name\":\"forged\"}", MediaType.get("application/json")))) {
        assertThat(json.code()).isEqualTo(415);
      }
      try (Response ok = post(client, session, rightToken)) {
        assertThat(ok.code()).isEqualTo(200);
        assertThat(ok.header("Content-Security-Policy")).contains("default-src 'none'");
      }
    } finally {
      client.connectionPool().evictAll();
      client.dispatcher().executorService().shutdown();
    }
    browser.open(portal + "/account");
    assertThat(browser.text("main")).contains("genuine").doesNotContain("forged");
  }

  @Test
  void thePagesFitAPhoneScreenAndHaveAnAccessibleStructure() {
    signIn();
    browser.width(390, 844);
    for (String page : PAGES) {
      browser.open(portal + "/" + page);
      Object overflow =
          browser.driver.executeScript(
              "return document.documentElement.scrollWidth > window.innerWidth;");
      assertThat(overflow).as(page).isEqualTo(false);
      assertThat(browser.driver.findElements(By.tagName("h1"))).as(page).hasSize(1);
      assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang"))
          .isEqualTo("en");
      @SuppressWarnings("unchecked")
      List<String> unlabelled =
          (List<String>)
              browser.driver.executeScript(
                  "return Array.from(document.querySelectorAll("
                      + "'input:not([type=hidden]), select, textarea'))"
                      + ".filter(f => !f.id || !document.querySelector('label[for=\"' + f.id + '\"]'))"
                      + ".map(f => f.name);");
      assertThat(unlabelled).as(page + ": fields without a label").isEmpty();
      assertThat(browser.driver.findElements(By.cssSelector("th:not([scope])")))
          .as(page + ": header cells without a scope")
          .isEmpty();
    }
    shot("reservations-phone", "/reservations");
  }

  @Test
  void theKeyboardAloneSignsInAndMovesBetweenPages() {
    browser.open(portal + "/sign-in");
    browser.driver.switchTo().activeElement().sendKeys(r.f.server.adminToken(), Keys.ENTER);
    new WebDriverWait(browser.driver, Duration.ofSeconds(20))
        .until(ExpectedConditions.urlContains("/portal/account"));
    WebElement focused = browser.find("body");
    focused.sendKeys(Keys.TAB);
    assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
    browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
    browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
    WebElement licenses = browser.driver.switchTo().activeElement();
    assertThat(licenses.getText()).isEqualTo("Licenses");
    licenses.sendKeys(Keys.ENTER);
    new WebDriverWait(browser.driver, Duration.ofSeconds(20))
        .until(ExpectedConditions.urlContains("/portal/licenses"));
    assertThat(browser.text("h1")).isEqualTo("Licenses");
  }

  private void signIn() {
    browser.open(portal + "/sign-in");
    browser.type("#token", r.f.server.adminToken());
    browser.submit("form");
  }

  private void addLicenses(String va, String tag, int count) {
    browser.open(portal + "/licenses");
    browser.type("#lic-tag", tag).type("#lic-count", Integer.toString(count));
    new org.openqa.selenium.support.ui.Select(browser.find("#lic-va")).selectByVisibleText(va);
    browser.submit(form("add"));
    assertThat(browser.text("#notice")).contains(count + " " + tag + " added to " + va);
  }

  /** The cells of the row whose header is {@code header} in table {@code table}. */
  private static List<String> row(String table, String header) {
    return browser
        .driver
        .findElement(
            By.xpath(
                "//table[@id='"
                    + table.substring(1)
                    + "']//tr[th[normalize-space()='"
                    + header
                    + "']]"))
        .findElements(By.cssSelector("th, td"))
        .stream()
        .map(e -> e.getText().strip())
        .toList();
  }

  private static String form(String action) {
    return "form:has(input[name=action][value='" + action + "'])";
  }

  private static void assertNoAlert() {
    try {
      browser.driver.switchTo().alert();
      throw new AssertionError("a script ran and opened an alert");
    } catch (NoAlertPresentException expected) {
      // no script ran
    }
  }

  private void shot(String name, String page) {
    browser.open(portal + page);
    shot(name);
  }

  private static void shot(String name) {
    browser.screenshot(Path.of("target", "portal-screenshots", name + ".png"));
    String dir = System.getProperty("portal.screenshots", "");
    if (!dir.isEmpty()) {
      browser.screenshot(Path.of(dir, name + ".png"));
    }
  }

  private OkHttpClient client() {
    HandshakeCertificates trust =
        new HandshakeCertificates.Builder()
            .addTrustedCertificate(
                Certificates.decodeCertificatePem(r.f.server.tlsCaCertificatePem()))
            .build();
    return new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
        .followRedirects(false)
        .build();
  }

  private Response post(OkHttpClient client, String session, RequestBody body) throws IOException {
    return client
        .newCall(
            new Request.Builder()
                .url(portal + "/account")
                .header("Cookie", "osa_portal=" + session)
                .post(body)
                .build())
        .execute();
  }
}
