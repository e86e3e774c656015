package org.opensmartagent.cli.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.opensmartagent.cli.Io;
import org.opensmartagent.cli.command.CodeInput;
import org.opensmartagent.cli.command.DeviceActions;
import org.opensmartagent.cli.command.LicenseActions;
import org.opensmartagent.cli.command.ReservationActions;
import org.opensmartagent.cli.config.ConfigFile;
import org.opensmartagent.cli.config.DeviceConfig;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.transport.TransportKind;

/** One menu choice in the shell: the device's prompts, then the shared action. */
final class ShellActions {
  static final String REREGISTER_PROMPT =
      "Reregister this product instance if it is already registered [N]> ";
  static final String TOKEN_PROMPT = "Enter token to register the product: ";
  static final String CODE_PROMPT =
      "Paste the authorization code (one line), or enter the path of the file that holds it: ";

  private final Io io;
  private final DeviceSession session;
  private boolean transportChanged;

  ShellActions(Io io, DeviceSession session) {
    this.io = io;
    this.session = session;
  }

  boolean transportChanged() {
    return transportChanged;
  }

  Result perform(MenuItem item) {
    DeviceSession s = session;
    return switch (item) {
      case ENABLE -> enable();
      case REGISTER -> register();
      case REREGISTER -> DeviceActions.register(s, "reregister", token(), true);
      case DEREGISTER ->
          confirmed("Deregister the product? Its licenses go back to the virtual account.")
              ? DeviceActions.deregister(s)
              : cancelled("deregister");
      case RENEW_AUTH -> DeviceActions.renewAuth(s);
      case RENEW_ID -> DeviceActions.renewId(s);
      case REQUESTSMART_LICENSE ->
          LicenseActions.request(s, pick(LicenseActions.choices(s, false)));
      case RELEASESMART_LICENSE -> LicenseActions.release(s, pick(LicenseActions.choices(s, true)));
      case URL -> url();
      case STATUS -> DeviceActions.status(s);
      case SUMMARY -> DeviceActions.summary(s);
      case UDI -> DeviceActions.udi(s);
      case ENABLE_RESERVATION -> ReservationActions.enable(s);
      case REQUEST_CODE ->
          ReservationActions.requestCode(
              s,
              yes("Request a permanent (universal) reservation of every license? [N]> ")
                  ? ReservationType.UNIVERSAL
                  : ReservationType.SPECIFIC);
      case INSTALL_AUTHORIZATION_CODE -> ReservationActions.install(s, code());
      case REAUTHORIZE -> ReservationActions.reauthorize(s, code());
      case INSPECT_AUTHORIZATION_CODE -> ReservationActions.inspect(s, code());
      case RETURN_RESERVATION ->
          confirmed(
                  "Returning the reservation sets the product back to Unregistered; the return code frees the licenses on the server. Continue?")
              ? ReservationActions.returnReservation(s)
              : cancelled("return_reservation");
      case CANCEL_RESERVATION -> ReservationActions.cancel(s);
      case DISABLE_RESERVATION -> ReservationActions.disable(s);
      case QUIT -> Result.ok("quit", "");
    };
  }

  private Result register() {
    boolean force = yes(REREGISTER_PROMPT);
    return DeviceActions.register(session, "register", token(), force);
  }

  private Result enable() {
    session.agent().enable();
    return Result.ok("enable", "Smart Licensing is ENABLED");
  }

  private String token() {
    return io.readSecret(TOKEN_PROMPT)
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .orElseThrow(
            () -> new IllegalArgumentException("no token was entered; nothing was changed"));
  }

  private boolean yes(String prompt) {
    String a = io.readLine(prompt).orElse("").trim();
    return a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes");
  }

  private boolean confirmed(String question) {
    return io.confirm(question);
  }

  private static Result cancelled(String command) {
    return Result.ok(command, "Cancelled; nothing was changed");
  }

  private String pick(List<LicenseActions.Choice> choices) {
    if (choices.isEmpty()) {
      throw new IllegalStateException("There are no licenses to choose from");
    }
    LicenseActions.lines(choices).forEach(io.out()::println);
    io.out().flush();
    return io.readLine("Enter the appropriate license number(s) (e.g. 1,3): ").orElse("");
  }

  private String code() {
    String entry = io.readLine(CODE_PROMPT).orElse("").trim();
    if (entry.isEmpty()) {
      throw new IllegalArgumentException("no authorization code was entered; nothing was changed");
    }
    if (entry.startsWith("<")) {
      return entry;
    }
    Path file;
    try {
      file = Path.of(entry);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "what was entered is neither an authorization code (it starts with '<') nor a file"
              + " name; nothing was changed");
    }
    return CodeInput.readFile(file);
  }

  /**
   * The transport menu. The current transport is the default: Enter keeps it, and keeps its URL.
   * Choosing another transport asks for its URL (Enter takes the transport's default, if it has
   * one).
   */
  private Result url() {
    session.agent().requireTransportSettingsEditable();
    DeviceConfig c = session.config();
    TransportKind current = c.transport().kind();
    io.out().println("Current transport: " + c.transport());
    io.out().println("Choose the transport (Enter keeps the current one):");
    TransportKind[] kinds = TransportKind.values();
    for (int i = 0; i < kinds.length; i++) {
      io.out().println((i + 1) + ". " + kinds[i].name());
    }
    String choice = io.readLine("[" + (current.ordinal() + 1) + "]> ").orElse("").trim();
    TransportKind kind = choice.isEmpty() ? current : kind(choice);
    Optional<String> url = askUrl(kind, kind == current ? c.transport().url() : Optional.empty());
    DeviceConfig updated = c.withTransport(c.transport().withKind(kind, url));
    updated.transport().toSettings(); // refuse a bad URL before saving
    ConfigFile.save(session.stateDir(), updated);
    transportChanged = true;
    return Result.ok("url", "Transport settings saved: " + updated.transport());
  }

  private static TransportKind kind(String choice) {
    for (TransportKind k : TransportKind.values()) {
      if (choice.equals(String.valueOf(k.ordinal() + 1)) || choice.equalsIgnoreCase(k.name())) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "'" + choice + "' is not 1, 2 or 3 (or a transport name); nothing was changed");
  }

  /** The URL for {@code kind}: typed, or (on Enter) {@code keep}, or the kind's default. */
  private Optional<String> askUrl(TransportKind kind, Optional<String> keep) {
    Optional<String> fallback = keep.or(() -> kind.defaultUrl().map(Object::toString));
    String prompt =
        "Enter the " + kind.label() + " URL" + fallback.map(u -> " [" + u + "]").orElse("") + ": ";
    Optional<String> typed = io.readLine(prompt).map(String::trim).filter(u -> !u.isEmpty());
    if (typed.isPresent()) {
      return typed;
    }
    if (keep.isPresent()) {
      return keep;
    }
    if (kind.defaultUrl().isEmpty()) {
      throw new IllegalArgumentException(kind.label() + " needs a URL; nothing was changed");
    }
    return Optional.empty(); // the kind's default
  }
}
