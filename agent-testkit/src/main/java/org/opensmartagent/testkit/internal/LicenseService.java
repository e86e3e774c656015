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
 * ServerState}, and each change is reported to the change listener (the state file) before the lock
 * is released, so no reader sees half an operation. Thread-safe.
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
  private final Runnable onChange;

  public LicenseService(
      ServerState state,
      ServerPki pki,
      ServerClock clock,
      SecureRandom random,
      int instanceLimit,
      Runnable onChange) {
    this.state = Objects.requireNonNull(state, "state == null");
    this.pki = Objects.requireNonNull(pki, "pki == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.onChange = Objects.requireNonNull(onChange, "onChange == null");
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
  }

  public void createVirtualAccount(String smartAccount, String name) {
    change(() -> admin.createVirtualAccount(smartAccount, name));
  }

  public String createToken(String virtualAccount, TokenSpec spec) {
    return changing(() -> admin.createToken(virtualAccount, spec, clock.now()));
  }

  public void revokeToken(String token) {
    change(() -> admin.revokeToken(token));
  }

  public void addLicenses(String virtualAccount, LicenseGrant grant) {
    change(() -> admin.addLicenses(virtualAccount, grant));
  }

  public void removeLicenses(String virtualAccount, EntitlementTag tag) {
    change(() -> admin.removeLicenses(virtualAccount, tag));
  }

  /** Turns automatic grants of unpooled tags (base licenses, say) on or off for the account. */
  public void autoGrant(String virtualAccount, boolean on) {
    change(() -> admin.autoGrant(virtualAccount, on));
  }

  public List<AccountInfo> accounts() {
    synchronized (lock) {
      return admin.accounts();
    }
  }

  public List<TokenInfo> tokens(String virtualAccount) {
    synchronized (lock) {
      return admin.tokens(virtualAccount);
    }
  }

  public InstanceInfo instance(String idOrUdi) {
    synchronized (lock) {
      return admin.instance(idOrUdi);
    }
  }

  public void removeInstance(String idOrUdi) {
    change(() -> admin.removeInstance(idOrUdi));
  }

  public List<InstanceInfo> instances() {
    synchronized (lock) {
      return admin.instances();
    }
  }

  public List<TagUsage> usage(String virtualAccount) {
    synchronized (lock) {
      return admin.usage(virtualAccount, clock.now());
    }
  }

  public String reserve(
      String virtualAccount,
      String requestCode,
      ReservationType type,
      List<ReservationLine> lines) {
    return changing(
        () -> reservations.reserve(virtualAccount, requestCode, type, lines, clock.now()));
  }

  public void confirmReservation(String requestCode, String confirmationCode) {
    change(() -> reservations.confirm(requestCode, confirmationCode));
  }

  public void returnReservation(String returnCode) {
    change(() -> reservations.returnReservation(returnCode));
  }

  public List<ReservationInfo> reservations() {
    synchronized (lock) {
      return reservations.list();
    }
  }

  public ServerReply<RegisterResponse> register(RegisterRequest request, Csr csr) {
    return changing(() -> registrations.register(request, csr, clock.now()));
  }

  public ServerReply<AuthorizeResponse> authorize(AuthorizeRequest r, X509Certificate device) {
    return changing(() -> authorizations.authorize(r, device, clock.now()));
  }

  public ServerReply<RenewIdResponse> renew(RenewIdRequest r, X509Certificate device) {
    return changing(() -> registrations.renew(r, device, clock.now()));
  }

  public ServerReply<DeregisterResponse> deregister(DeregisterRequest r, X509Certificate device) {
    return changing(() -> registrations.deregister(r, device, clock.now()));
  }

  /** Runs {@code reader} under the lock, for a consistent snapshot of the state. */
  public <T> T read(java.util.function.Function<ServerState, T> reader) {
    synchronized (lock) {
      return reader.apply(state);
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
      T result = operation.get();
      onChange.run();
      return result;
    }
  }
}
