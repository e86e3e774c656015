package org.opensmartagent.testkit.internal.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import org.opensmartagent.testkit.ReservationRefusedException;
import org.opensmartagent.testkit.internal.FaultPlan;
import org.opensmartagent.testkit.internal.LicenseService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web portal under {@link #PATH}: sign-in with the admin token, then one page per part of the
 * server's state, each with its forms. Every answer carries a strict Content-Security-Policy
 * (scripts and styles from the portal itself only, no frames, forms post back to the portal) and
 * {@code Cache-Control: no-store}. A form post needs the session's CSRF token, else 403; a body
 * that is not a form is 415. Thread-safe; logs the method, path and status only.
 */
public final class Portal {
  public static final String PATH = "/portal";
  static final String COOKIE = "osa_portal";
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private static final Logger log = LoggerFactory.getLogger(Portal.class);

  private final byte[] adminToken;
  private final boolean https;
  private final Sessions sessions;
  private final PortalPages pages;
  private final PortalViews views;
  private final Templates templates = new Templates();

  /**
   * A portal over {@code service} and {@code faults} that admits whoever enters {@code adminToken};
   * with {@code https} its cookie is {@code Secure}.
   */
  public Portal(
      LicenseService service,
      FaultPlan faults,
      String adminToken,
      SecureRandom random,
      boolean https) {
    this.adminToken =
        Objects.requireNonNull(adminToken, "adminToken == null").getBytes(StandardCharsets.UTF_8);
    this.https = https;
    this.sessions = new Sessions(random, () -> service.clock().unskewed());
    this.pages = new PortalPages(service, faults);
    this.views = new PortalViews(service, faults);
  }

  /** Answers a request whose path is {@link #PATH} or below it. */
  public PortalAnswer handle(RecordedRequest request) {
    String method = Optional.ofNullable(request.getMethod()).orElse("");
    String path = request.getUrl().encodedPath();
    PortalResponse response;
    try {
      response = route(method, path, request);
    } catch (RuntimeException e) {
      log.error("{} {} failed", method, path, e);
      response = PortalResponse.text(500, "the portal failed: " + e.getClass().getSimpleName());
    }
    log.debug("{} {} -> {}", method, path, response.status());
    response =
        response
            .withHeader("Content-Security-Policy", CSP)
            .withHeader("X-Content-Type-Options", "nosniff")
            .withHeader("X-Frame-Options", "DENY")
            .withHeader("Referrer-Policy", "no-referrer")
            .withHeader("Cache-Control", "no-store");
    return new PortalAnswer(response.status(), response.headers(), response.body());
  }

  private PortalResponse route(String method, String path, RecordedRequest request) {
    String page = path.equals(PATH) ? "" : path.substring(PATH.length() + 1);
    if (page.startsWith("static/")) {
      return "GET".equals(method) ? asset(page.substring("static/".length())) : notAllowed();
    }
    Optional<Sessions.Session> session = cookie(request).flatMap(sessions::find);
    if ("POST".equals(method)) {
      return post(page, session, request);
    }
    if (!"GET".equals(method)) {
      return notAllowed();
    }
    if (page.equals("sign-in")) {
      Sessions.Session s = session.orElseGet(() -> sessions.create(false));
      return withCookie(signIn(s, 200, ""), s);
    }
    if (session.isEmpty() || !session.get().signedIn()) {
      return PortalResponse.seeOther(PATH + "/sign-in");
    }
    if (page.isEmpty()) {
      return PortalResponse.seeOther(PATH + "/account");
    }
    if (!PortalPages.PAGES.contains(page)) {
      return notFound();
    }
    return render(page, session.get(), 200, "", "", Map.of());
  }

  private PortalResponse post(
      String page, Optional<Sessions.Session> session, RecordedRequest request) {
    String type = Optional.ofNullable(request.getHeaders().get("Content-Type")).orElse("");
    if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return PortalResponse.text(
          415, "the portal accepts form posts only; use the admin API for JSON");
    }
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    Form form;
    try {
      form = Form.parse(body);
    } catch (IllegalArgumentException e) {
      return session.filter(Sessions.Session::signedIn).isPresent()
              && PortalPages.PAGES.contains(page)
          ? render(page, session.get(), 413, "", e.getMessage(), Map.of())
          : PortalResponse.text(413, e.getMessage());
    }
    if (session.isEmpty() || !session.get().acceptsCsrf(form.raw("csrf"))) {
      return PortalResponse.text(
          403,
          "the form's security token is missing or stale; reload the page and submit it again");
    }
    Sessions.Session s = session.get();
    if (page.equals("sign-in")) {
      return signInPost(s, form);
    }
    if (!s.signedIn()) {
      return PortalResponse.seeOther(PATH + "/sign-in");
    }
    if (page.equals("sign-out")) {
      sessions.end(s.id());
      return PortalResponse.seeOther(PATH + "/sign-in")
          .withHeader("Set-Cookie", cookieHeader("", 0));
    }
    if (!PortalPages.PAGES.contains(page)) {
      return notFound();
    }
    try {
      if (page.equals("reservations") && form.raw("action").equals("download")) {
        return download(form);
      }
      PortalPages.Outcome o = pages.post(page, form);
      return render(page, s, 200, o.notice(), "", o.shown());
    } catch (ReservationRefusedException e) {
      return render(page, s, 409, "", e.getMessage(), Map.of());
    } catch (IllegalArgumentException e) {
      return render(page, s, 400, "", e.getMessage(), Map.of());
    } catch (NoSuchElementException e) {
      return render(page, s, 404, "", e.getMessage(), Map.of());
    } catch (IllegalStateException e) {
      return render(page, s, 409, "", e.getMessage(), Map.of());
    }
  }

  private PortalResponse signInPost(Sessions.Session old, Form form) {
    String entered;
    try {
      entered = form.required("token", "The admin token", 256);
    } catch (IllegalArgumentException e) {
      return signIn(old, 400, e.getMessage());
    }
    if (!MessageDigest.isEqual(adminToken, entered.getBytes(StandardCharsets.UTF_8))) {
      return signIn(
          old,
          401,
          "That is not this server's admin token. Copy it from mock-cssm-admin-token in the"
              + " server's --out-dir, or from MockLicenseServer.adminToken().");
    }
    sessions.end(old.id());
    Sessions.Session s = sessions.create(true);
    return withCookie(PortalResponse.seeOther(PATH + "/account"), s);
  }

  private PortalResponse download(Form form) {
    String code = form.required("authorizationCode", "The authorization code", 60_000);
    return new PortalResponse(
        200,
        Map.of(
            "Content-Type", "application/xml; charset=utf-8",
            "Content-Disposition", "attachment; filename=\"authorization-code.xml\""),
        code.getBytes(StandardCharsets.UTF_8));
  }

  private PortalResponse signIn(Sessions.Session s, int status, String error) {
    Map<String, Object> m = new HashMap<>();
    m.put("csrf", s.csrf());
    m.put("error", error);
    return PortalResponse.html(status, templates.render("sign-in", m));
  }

  private PortalResponse render(
      String page,
      Sessions.Session s,
      int status,
      String notice,
      String error,
      Map<String, Object> shown) {
    Map<String, Object> m = views.model(page);
    m.put("page", page);
    m.put("csrf", s.csrf());
    m.put("notice", notice);
    m.put("error", error);
    m.put("newToken", "");
    m.put("authorizationCode", "");
    m.putAll(shown);
    return PortalResponse.html(status, templates.render(page, m));
  }

  private static PortalResponse notFound() {
    return PortalResponse.text(404, "no portal page here; start at " + PATH + "/account");
  }

  private static PortalResponse notAllowed() {
    return PortalResponse.text(405, "the portal accepts GET and form POST only");
  }

  private PortalResponse withCookie(PortalResponse r, Sessions.Session s) {
    return r.withHeader("Set-Cookie", cookieHeader(s.id(), -1));
  }

  private String cookieHeader(String value, int maxAge) {
    return COOKIE
        + "="
        + value
        + "; Path="
        + PATH
        + "; HttpOnly; SameSite=Strict"
        + (https ? "; Secure" : "")
        + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
  }

  private static Optional<String> cookie(RecordedRequest request) {
    for (String header : request.getHeaders().values("Cookie")) {
      for (String part : header.split(";")) {
        String p = part.strip();
        if (p.startsWith(COOKIE + "=")) {
          return Optional.of(p.substring(COOKIE.length() + 1));
        }
      }
    }
    return Optional.empty();
  }

  private static PortalResponse asset(String name) {
    String type =
        switch (name) {
          case "portal.css" -> "text/css; charset=utf-8";
          case "portal.js" -> "text/javascript; charset=utf-8";
          default -> "";
        };
    if (type.isEmpty()) {
      return PortalResponse.text(404, "no such file");
    }
    try (InputStream in =
        Portal.class.getResourceAsStream(
            "/org/opensmartagent/testkit/internal/portal/static/" + name)) {
      if (in == null) {
        return PortalResponse.text(404, "no such file");
      }
      return new PortalResponse(200, Map.of("Content-Type", type), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
