package org.opensmartagent.testkit.internal;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.identity.Csr;
import org.opensmartagent.core.reservation.ReservationType;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.AuthorizeResponse;
import org.opensmartagent.core.transport.DeregisterRequest;
import org.opensmartagent.core.transport.DeregisterResponse;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.RenewIdRequest;
import org.opensmartagent.core.transport.RenewIdResponse;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.testkit.AccountInfo;
import org.opensmartagent.testkit.InstanceInfo;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.ReservationInfo;
import org.opensmartagent.testkit.ReservationLine;
import org.opensmartagent.testkit.TagUsage;
import org.opensmartagent.testkit.TokenInfo;
import org.opensmartagent.testkit.TokenSpec;

/**
 * The license server's engine: every admin and protocol operation runs under one lock on one {@link
 * ServerState}. A change is stored by the {@link Persistence} before the lock is released, or
 * undone when storing it fails, so no reader sees half an operation and memory is never ahead of
 * the store; a read first catches up with what other processes sharing the store changed.
 * Thread-safe.
 */
public final class LicenseService {
  private final Object lock = new Object();
  private final ServerState state;
  private final ServerPki pki;
  private final ServerClock clock;
  private final AccountAdmin admin;
  private final Registrations registrations;
  private final Authorizations authorizations;
  private final Reservations reservations;
  private final Persistence persistence;
  private final EventLog events = new EventLog();

  public LicenseService(
      ServerState state,
      ServerPki pki,
      ServerClock clock,
      SecureRandom random,
      int instanceLimit,
      Persistence persistence) {
    this.state = Objects.requireNonNull(state, "state == null");
    this.pki = Objects.requireNonNull(pki, "pki == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.persistence = Objects.requireNonNull(persistence, "persistence == null");
    this.admin = new AccountAdmin(state, random);
    this.registrations = new Registrations(state, pki, random, instanceLimit);
    this.authorizations = new Authorizations(state);
    this.reservations = new Reservations(state, pki);
  }

  public ServerPki pki() {
    return pki;
  }

  public ServerClock clock() {
    return clock;
  }

  public void createSmartAccount(String name) {
    change(() -> admin.createSmartAccount(name));
    event("admin", "created smart account " + name);
  }

  public void createVirtualAccount(String smartAccount, String name) {
    change(() -> admin.createVirtualAccount(smartAccount, name));
    event("admin", "created virtual account " + name + " in " + smartAccount);
  }

  public String createToken(String virtualAccount, TokenSpec spec) {
    String token = changing(() -> admin.createToken(virtualAccount, spec, clock.now()));
    event("admin", "created a token in " + virtualAccount + " for " + spec.maxUses() + " uses");
    return token;
  }

  public void revokeToken(String token) {
    change(() -> admin.revokeToken(token));
    event("admin", "revoked a token");
  }

  public void addLicenses(String virtualAccount, LicenseGrant grant) {
    change(() -> admin.addLicenses(virtualAccount, grant));
    event("admin", "added " + grant.count() + " " + grant.tag().value() + " to " + virtualAccount);
  }

  public void removeLicenses(String virtualAccount, EntitlementTag tag) {
    change(() -> admin.removeLicenses(virtualAccount, tag));
    event("admin", "removed the " + tag.value() + " licenses of " + virtualAccount);
  }

  /** Turns automatic grants of unpooled tags (base licenses, say) on or off for the account. */
  public void autoGrant(String virtualAccount, boolean on) {
    change(() -> admin.autoGrant(virtualAccount, on));
    event("admin", "automatic grants " + (on ? "on" : "off") + " in " + virtualAccount);
  }

  public List<AccountInfo> accounts() {
    return reading(() -> admin.accounts());
  }

  public List<TokenInfo> tokens(String virtualAccount) {
    return reading(() -> admin.tokens(virtualAccount));
  }

  public InstanceInfo instance(String idOrUdi) {
    return reading(() -> admin.instance(idOrUdi));
  }

  public void removeInstance(String idOrUdi) {
    change(() -> admin.removeInstance(idOrUdi));
    event("admin", "removed product instance " + idOrUdi);
  }

  public List<InstanceInfo> instances() {
    return reading(() -> admin.instances());
  }

  public List<TagUsage> usage(String virtualAccount) {
    return reading(() -> admin.usage(virtualAccount, clock.now()));
  }

  public String reserve(
      String virtualAccount,
      String requestCode,
      ReservationType type,
      List<ReservationLine> lines) {
    String code =
        changing(() -> reservations.reserve(virtualAccount, requestCode, type, lines, clock.now()));
    event("admin", "issued a " + type + " authorization code from " + virtualAccount);
    return code;
  }

  public void confirmReservation(String requestCode, String confirmationCode) {
    change(() -> reservations.confirm(requestCode, confirmationCode));
    event("admin", "accepted a confirmation code");
  }

  public void returnReservation(String returnCode) {
    change(() -> reservations.returnReservation(returnCode));
    event("admin", "accepted a return code");
  }

  public List<ReservationInfo> reservations() {
    return reading(() -> reservations.list());
  }

  public ServerReply<RegisterResponse> register(RegisterRequest request, Csr csr) {
    return licensing(
        "register " + request.udis(),
        changing(() -> registrations.register(request, csr, clock.now())));
  }

  public ServerReply<AuthorizeResponse> authorize(AuthorizeRequest r, X509Certificate device) {
    ServerReply<AuthorizeResponse> reply =
        changing(() -> authorizations.authorize(r, device, clock.now()));
    return licensing("authorize " + r.productInstanceId() + verdicts(reply), reply);
  }

  public ServerReply<RenewIdResponse> renew(RenewIdRequest r, X509Certificate device) {
    return licensing(
        "renew ID " + r.productInstanceId(),
        changing(() -> registrations.renew(r, device, clock.now())));
  }

  public ServerReply<DeregisterResponse> deregister(DeregisterRequest r, X509Certificate device) {
    return licensing(
        "deregister " + r.productInstanceId(),
        changing(() -> registrations.deregister(r, device, clock.now())));
  }

  /** The last {@link EventLog#CAPACITY} things the server did, oldest first. */
  public List<EventLog.Event> events() {
    synchronized (lock) {
      return events.list();
    }
  }

  private void event(String kind, String text) {
    synchronized (lock) {
      events.add(clock.now(), kind, text);
    }
  }

  private <T> ServerReply<T> licensing(String what, ServerReply<T> reply) {
    event(
        "licensing",
        what + ": " + reply.rejection().map(r -> "rejected " + r.reason()).orElse("accepted"));
    return reply;
  }

  private static String verdicts(ServerReply<AuthorizeResponse> reply) {
    if (!reply.isAccepted() || reply.body().verdicts().isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" (");
    reply
        .body()
        .verdicts()
        .forEach(v -> sb.append(v.tag().value()).append(' ').append(v.kind()).append(", "));
    sb.setLength(sb.length() - 2);
    return sb.append(')').toString();
  }

  /** Runs {@code reader} under the lock, for a consistent snapshot of the state. */
  public <T> T read(java.util.function.Function<ServerState, T> reader) {
    return reading(() -> reader.apply(state));
  }

  /** Stops using the store, after the operation under way; the state stays readable. */
  public void closeStore() {
    synchronized (lock) {
      persistence.close();
    }
  }

  private <T> T reading(Supplier<T> reader) {
    synchronized (lock) {
      persistence.beforeRead(state);
      return reader.get();
    }
  }

  private void change(Runnable operation) {
    changing(
        () -> {
          operation.run();
          return Boolean.TRUE;
        });
  }

  private <T> T changing(Supplier<T> operation) {
    synchronized (lock) {
      persistence.begin(state);
      T result;
      try {
        result = operation.get();
      } catch (RuntimeException | Error e) {
        persistence.abort(state);
        throw e;
      }
      persistence.commit(state);
      return result;
    }
  }
}
