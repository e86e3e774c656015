package org.opensmartagent.testkit.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.testkit.InstanceInfo;

/**
 * A registered product instance: its id, primary UDI, virtual account, the public key it registered
 * with (X.509 SubjectPublicKeyInfo DER) and its last usage report. Mutable; guarded by the {@link
 * LicenseService} lock.
 */
public final class ProductInstance {
  private final String id;
  private final String udi;
  private final String virtualAccount;
  private final byte[] publicKey;
  private final Instant registeredAt;
  private Instant idCertNotAfter;
  private final Map<EntitlementTag, Long> usage = new LinkedHashMap<>();

  public ProductInstance(
      String id,
      String udi,
      String virtualAccount,
      byte[] publicKey,
      Instant registeredAt,
      Instant idCertNotAfter) {
    this.id = id;
    this.udi = udi;
    this.virtualAccount = virtualAccount;
    this.publicKey = publicKey.clone();
    this.registeredAt = registeredAt;
    this.idCertNotAfter = idCertNotAfter;
  }

  public String id() {
    return id;
  }

  public String udi() {
    return udi;
  }

  public String virtualAccount() {
    return virtualAccount;
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  public boolean hasKey(byte[] encodedPublicKey) {
    return Arrays.equals(publicKey, encodedPublicKey);
  }

  public Instant registeredAt() {
    return registeredAt;
  }

  public Instant idCertNotAfter() {
    return idCertNotAfter;
  }

  void renewed(Instant notAfter) {
    idCertNotAfter = notAfter;
  }

  /** The last reported count of each entitlement. */
  public Map<EntitlementTag, Long> usage() {
    return Map.copyOf(usage);
  }

  public long usageOf(EntitlementTag tag) {
    return usage.getOrDefault(tag, 0L);
  }

  /** Replaces the usage report. */
  public void report(Map<EntitlementTag, Long> counts) {
    usage.clear();
    usage.putAll(counts);
  }

  InstanceInfo info(String smartAccount) {
    return new InstanceInfo(
        id, udi, smartAccount, virtualAccount, registeredAt, idCertNotAfter, usage);
  }
}
