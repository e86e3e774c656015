package org.opensmartagent.testkit.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.testkit.AccountInfo;
import org.opensmartagent.testkit.InstanceInfo;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.TagUsage;
import org.opensmartagent.testkit.TokenInfo;
import org.opensmartagent.testkit.TokenSpec;

/**
 * The administrator's operations on a {@link ServerState}. Not thread-safe: {@link LicenseService}
 * calls it under its lock. Unknown names are {@link NoSuchElementException}, taken names {@link
 * IllegalStateException}, bad values {@link IllegalArgumentException}; each message says what to
 * do.
 */
final class AccountAdmin {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final char[] TOKEN_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-%".toCharArray();
  private static final int TOKEN_LENGTH = 80;

  private final ServerState state;
  private final SecureRandom random;

  AccountAdmin(ServerState state, SecureRandom random) {
    this.state = state;
    this.random = random;
  }

  void createSmartAccount(String name) {
    checkName(name, "name");
    if (state.hasSmartAccount(name)) {
      throw new IllegalStateException("smart account '" + name + "' exists; pick another name");
    }
    state.addSmartAccount(name);
  }

  void createVirtualAccount(String smartAccount, String name) {
    checkName(smartAccount, "smartAccount");
    checkName(name, "name");
    if (!state.hasSmartAccount(smartAccount)) {
      throw new NoSuchElementException(
          "no smart account '" + smartAccount + "'; create it with POST /admin/accounts");
    }
    if (state.findVirtualAccount(name).isPresent()) {
      throw new IllegalStateException(
          "virtual account '" + name + "' exists; virtual account names are unique per server");
    }
    state.addVirtualAccount(new VirtualAccount(name, smartAccount));
  }

  String createToken(String virtualAccount, TokenSpec spec, Instant now) {
    Objects.requireNonNull(spec, "spec == null");
    VirtualAccount va = state.virtualAccount(virtualAccount);
    String value = newTokenValue();
    state.addToken(new Token(value, va.name(), spec, now, 0, false));
    return value;
  }

  void revokeToken(String token) {
    Objects.requireNonNull(token, "token == null");
    Token t = findToken(token);
    t.revoke();
    state.touch(t);
  }

  /** The token whose value is {@code token}, or whose value uniquely starts with it (8+ chars). */
  private Token findToken(String token) {
    Optional<Token> exact = state.findToken(token);
    if (exact.isPresent()) {
      return exact.get();
    }
    List<Token> matching =
        token.length() < Token.ID_LENGTH
            ? List.of()
            : state.tokens().stream().filter(t -> t.value().startsWith(token)).toList();
    if (matching.size() != 1) {
      throw new NoSuchElementException(
          "no such token; give the whole token or the id that tokens list shows");
    }
    return matching.get(0);
  }

  void addLicenses(String virtualAccount, LicenseGrant grant) {
    Objects.requireNonNull(grant, "grant == null");
    state.addGrant(state.virtualAccount(virtualAccount), grant);
  }

  void removeLicenses(String virtualAccount, EntitlementTag tag) {
    Objects.requireNonNull(tag, "tag == null");
    VirtualAccount va = state.virtualAccount(virtualAccount);
    if (!va.knows(tag)) {
      throw new NoSuchElementException(
          "virtual account '" + virtualAccount + "' has no " + tag.value() + " licenses");
    }
    state.removeGrants(va, tag);
  }

  void autoGrant(String virtualAccount, boolean on) {
    state.autoGrant(state.virtualAccount(virtualAccount), on);
  }

  /** Every smart account with its virtual accounts. */
  List<AccountInfo> accounts() {
    List<AccountInfo> result = new ArrayList<>();
    for (String sa : state.smartAccounts().stream().sorted().toList()) {
      List<AccountInfo.Virtual> vas = new ArrayList<>();
      for (String name : state.virtualAccountsOf(sa)) {
        VirtualAccount va = state.virtualAccount(name);
        vas.add(new AccountInfo.Virtual(name, va.autoGrant(), va.pool()));
      }
      result.add(new AccountInfo(sa, vas));
    }
    return result;
  }

  /** The tokens of {@code virtualAccount}, without their secret values. */
  List<TokenInfo> tokens(String virtualAccount) {
    VirtualAccount va = state.virtualAccount(virtualAccount);
    return state.tokens().stream()
        .filter(t -> t.virtualAccount().equals(va.name()))
        .map(Token::info)
        .toList();
  }

  InstanceInfo instance(String idOrUdi) {
    ProductInstance i = findInstance(idOrUdi);
    return i.info(state.virtualAccount(i.virtualAccount()).smartAccount());
  }

  void removeInstance(String idOrUdi) {
    state.removeInstance(findInstance(idOrUdi));
  }

  private ProductInstance findInstance(String idOrUdi) {
    Objects.requireNonNull(idOrUdi, "idOrUdi == null");
    return state
        .findInstance(idOrUdi)
        .or(() -> state.instanceOfUdi(idOrUdi))
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no product instance '"
                        + idOrUdi
                        + "'; give its id or primary UDI as instances list shows them"));
  }

  List<InstanceInfo> instances() {
    List<InstanceInfo> result = new ArrayList<>();
    for (ProductInstance i : state.instances()) {
      result.add(i.info(state.virtualAccount(i.virtualAccount()).smartAccount()));
    }
    return result;
  }

  /**
   * Every tag of the pool, in use or reserved in {@code virtualAccount}, with counts at {@code
   * now}; reserved licenses count as in use.
   */
  List<TagUsage> usage(String virtualAccount, Instant now) {
    VirtualAccount va = state.virtualAccount(virtualAccount);
    Set<EntitlementTag> tags = new LinkedHashSet<>();
    va.pool().forEach(g -> tags.add(g.tag()));
    List<ProductInstance> instances = state.instancesIn(va.name());
    instances.forEach(i -> tags.addAll(i.usage().keySet()));
    state.reservations().stream()
        .filter(r -> r.virtualAccount().equals(va.name()) && !r.isReturned())
        .forEach(r -> r.latest().entitlements().forEach(e -> tags.add(e.tag())));
    List<TagUsage> result = new ArrayList<>();
    for (EntitlementTag tag : tags) {
      long inUse = state.inUse(va.name(), tag);
      result.add(new TagUsage(tag, inUse, va.licensed(tag, now), va.allowsOverage(tag, now)));
    }
    return result;
  }

  private String newTokenValue() {
    StringBuilder sb = new StringBuilder(TOKEN_LENGTH);
    for (int i = 0; i < TOKEN_LENGTH; i++) {
      sb.append(TOKEN_ALPHABET[random.nextInt(TOKEN_ALPHABET.length)]);
    }
    return sb.toString();
  }

  static String checkName(String name, String argument) {
    Objects.requireNonNull(name, argument + " == null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          argument
              + " must be 1..64 letters, digits, '_', '.' or '-', starting with a letter or digit;"
              + " got '"
              + name
              + "'");
    }
    return name;
  }
}
