package org.opensmartagent.testkit;

import java.util.List;
import java.util.Objects;

/**
 * A smart account and its virtual accounts, each with its license pool and whether it grants
 * unpooled tags automatically. Immutable.
 */
public record AccountInfo(String name, List<Virtual> virtualAccounts) {
  public AccountInfo {
    Objects.requireNonNull(name, "name == null");
    virtualAccounts = List.copyOf(virtualAccounts);
  }

  /** A virtual account as the admin sees it. */
  public record Virtual(String name, boolean autoGrant, List<LicenseGrant> licenses) {
    public Virtual {
      Objects.requireNonNull(name, "name == null");
      licenses = List.copyOf(licenses);
    }
  }
}
