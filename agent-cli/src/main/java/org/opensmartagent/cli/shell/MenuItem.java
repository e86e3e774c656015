package org.opensmartagent.cli.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opensmartagent.core.AgentStatus.Operation;

/**
 * The interactive shell's menu, in the device's order and words. An item is shown when the agent
 * allows its operation now ({@code AgentStatus.allowedOperations()}). Every item can be typed; the
 * agent refuses what is not valid now. INSPECT_AUTHORIZATION_CODE, UDI and QUIT are never listed.
 */
public enum MenuItem {
  ENABLE(Operation.ENABLE, "Enable Smart Licensing."),
  REGISTER(Operation.REGISTER, "Register the product for Smart Licensing."),
  REQUESTSMART_LICENSE(Operation.REQUEST_LICENSE, "Request licenses for features."),
  RELEASESMART_LICENSE(Operation.RELEASE_LICENSE, "Release licenses of features."),
  DEREGISTER(Operation.DEREGISTER, "Deregister the product from Smart Licensing."),
  REREGISTER(Operation.REREGISTER, "Reregister the product for Smart Licensing."),
  RENEW_AUTH(Operation.RENEW_AUTH, "Renew authorization of Smart Licenses in use."),
  RENEW_ID(Operation.RENEW_ID, "Renew registration with Smart Licensing."),
  URL(Operation.URL, "Set the Smart Transport URL."),
  STATUS(Operation.STATUS, "Show overall Smart Licensing status."),
  SUMMARY(Operation.SUMMARY, "Show Smart Licensing status summary."),
  ENABLE_RESERVATION(Operation.ENABLE_RESERVATION, "Enable license reservation."),
  REQUEST_CODE(Operation.REQUEST_CODE, "Generate the reservation request code."),
  INSTALL_AUTHORIZATION_CODE(
      Operation.INSTALL_AUTHORIZATION_CODE, "Install the reservation authorization code."),
  REAUTHORIZE(Operation.REAUTHORIZE, "Install an updated authorization code."),
  RETURN_RESERVATION(Operation.RETURN_RESERVATION, "Return the installed reservation."),
  CANCEL_RESERVATION(Operation.CANCEL_RESERVATION, "Cancel the reservation request."),
  DISABLE_RESERVATION(Operation.DISABLE_RESERVATION, "Disable license reservation."),
  INSPECT_AUTHORIZATION_CODE(null, "Show what an authorization code holds."),
  UDI(null, "Show the product's UDI."),
  QUIT(null, "Leave the shell.");

  private final Optional<Operation> operation;
  private final String description;

  MenuItem(Operation operation, String description) {
    this.operation = Optional.ofNullable(operation);
    this.description = description;
  }

  /** {@code - REGISTER - Register the product for Smart Licensing.} */
  public String line() {
    return "- " + name() + " - " + description;
  }

  /** The items to list for these allowed operations, in menu order. */
  public static List<MenuItem> shown(Collection<Operation> allowed) {
    List<MenuItem> items = new ArrayList<>();
    for (MenuItem m : values()) {
      if (m.operation.filter(allowed::contains).isPresent()) {
        items.add(m);
      }
    }
    return items;
  }

  /** The items never listed but always accepted: INSPECT_AUTHORIZATION_CODE, UDI and QUIT. */
  public static List<MenuItem> alwaysTypeable() {
    List<MenuItem> items = new ArrayList<>();
    for (MenuItem m : values()) {
      if (m.operation.isEmpty()) {
        items.add(m);
      }
    }
    return items;
  }

  /** The item typed, in any case. */
  public static Optional<MenuItem> parse(String typed) {
    String t = typed.trim().toUpperCase(Locale.ROOT);
    for (MenuItem m : values()) {
      if (m.name().equals(t)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
