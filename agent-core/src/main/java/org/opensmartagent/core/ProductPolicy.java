package org.opensmartagent.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one product licenses and the timers that govern it. Immutable; build with {@link #builder()}
 * and change with {@link #newBuilder()}.
 *
 * <p>The defaults are those observed on real devices: 90 days of evaluation (counted only while
 * something is in use), ID certificate renewal after 180 days and expiry after 365, authorization
 * renewal after 30 days and expiry after 90 without contact, registration lost after 365 days
 * without contact, and 30 days of out-of-compliance grace per license.
 */
public final class ProductPolicy {
  private final String productName;
  private final Optional<EntitlementTag> softwareTag;
  private final Map<EntitlementTag, EntitlementDefinition> entitlements;
  private final Duration evaluationPeriod;
  private final List<Duration> evaluationNotices;
  private final Duration idCertRenewal;
  private final Duration idCertValidity;
  private final Duration authorizationRenewal;
  private final Duration communicationDeadline;
  private final Duration registrationLoss;
  private final Duration outOfComplianceGrace;
  private final List<Duration> outOfComplianceNotices;
  private final Duration clockSkewTolerance;
  private final Duration retryInitial;
  private final Duration retryMax;
  private final int registrationAttempts;
  private final Duration usageReportDelay;
  private final Duration checkpointInterval;

  private ProductPolicy(Builder b) {
    this.productName = b.productName;
    this.softwareTag = b.softwareTag;
    this.entitlements = Map.copyOf(b.entitlements);
    this.entitlementOrder = List.copyOf(b.entitlements.values());
    this.evaluationPeriod = b.evaluationPeriod;
    this.evaluationNotices = sortedDescending(b.evaluationNotices);
    this.idCertRenewal = b.idCertRenewal;
    this.idCertValidity = b.idCertValidity;
    this.authorizationRenewal = b.authorizationRenewal;
    this.communicationDeadline = b.communicationDeadline;
    this.registrationLoss = b.registrationLoss;
    this.outOfComplianceGrace = b.outOfComplianceGrace;
    this.outOfComplianceNotices = sortedDescending(b.outOfComplianceNotices);
    this.clockSkewTolerance = b.clockSkewTolerance;
    this.retryInitial = b.retryInitial;
    this.retryMax = b.retryMax;
    this.registrationAttempts = b.registrationAttempts;
    this.usageReportDelay = b.usageReportDelay;
    this.checkpointInterval = b.checkpointInterval;
  }

  private final List<EntitlementDefinition> entitlementOrder;

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  public String productName() {
    return productName;
  }

  /** The product's own software-ID tag, sent at registration. */
  public Optional<EntitlementTag> softwareTag() {
    return softwareTag;
  }

  /** The product's entitlements, in the order they were declared. */
  public List<EntitlementDefinition> entitlements() {
    return entitlementOrder;
  }

  public Optional<EntitlementDefinition> entitlement(EntitlementTag tag) {
    return Optional.ofNullable(entitlements.get(tag));
  }

  /** The declared entitlement for {@code tag}, or an error naming the known tags. */
  public EntitlementDefinition requireEntitlement(EntitlementTag tag) {
    EntitlementDefinition d = entitlements.get(Objects.requireNonNull(tag, "tag == null"));
    if (d == null) {
      throw new IllegalArgumentException(
          "Unknown entitlement "
              + tag
              + " for product "
              + productName
              + "; declared entitlements: "
              + entitlementOrder.stream().map(e -> e.tag().value()).toList());
    }
    return d;
  }

  /** Zero for a product without an evaluation period. */
  public Duration evaluationPeriod() {
    return evaluationPeriod;
  }

  public boolean hasEvaluation() {
    return !evaluationPeriod.isZero();
  }

  /** Remaining-time thresholds at which an evaluation notice fires, longest first. */
  public List<Duration> evaluationNotices() {
    return evaluationNotices;
  }

  public Duration idCertRenewal() {
    return idCertRenewal;
  }

  public Duration idCertValidity() {
    return idCertValidity;
  }

  public Duration authorizationRenewal() {
    return authorizationRenewal;
  }

  public Duration communicationDeadline() {
    return communicationDeadline;
  }

  public Duration registrationLoss() {
    return registrationLoss;
  }

  public Duration outOfComplianceGrace() {
    return outOfComplianceGrace;
  }

  /** Remaining-grace thresholds at which an out-of-compliance notice fires, longest first. */
  public List<Duration> outOfComplianceNotices() {
    return outOfComplianceNotices;
  }

  /** How far a signed response's server time may differ from the device clock. */
  public Duration clockSkewTolerance() {
    return clockSkewTolerance;
  }

  /**
   * The first retry delay after a transport failure; doubled per failure up to {@link #retryMax}.
   */
  public Duration retryInitial() {
    return retryInitial;
  }

  public Duration retryMax() {
    return retryMax;
  }

  /** How many times a registration is tried when the server cannot be reached. */
  public int registrationAttempts() {
    return registrationAttempts;
  }

  /** How long the agent gathers usage changes before reporting them. */
  public Duration usageReportDelay() {
    return usageReportDelay;
  }

  /** How often evaluation usage is written to the store while it counts. */
  public Duration checkpointInterval() {
    return checkpointInterval;
  }

  private static List<Duration> sortedDescending(Collection<Duration> durations) {
    List<Duration> sorted = new ArrayList<>(durations);
    sorted.sort(Comparator.reverseOrder());
    return List.copyOf(sorted);
  }

  /** Builds a {@link ProductPolicy}; every setter checks its argument at once. */
  public static final class Builder {
    private String productName = "Smart Licensed Product";
    private Optional<EntitlementTag> softwareTag = Optional.empty();
    private final Map<EntitlementTag, EntitlementDefinition> entitlements = new LinkedHashMap<>();
    private Duration evaluationPeriod = Duration.ofDays(90);
    private List<Duration> evaluationNotices = days(90, 60, 30, 15, 5, 1);
    private Duration idCertRenewal = Duration.ofDays(180);
    private Duration idCertValidity = Duration.ofDays(365);
    private Duration authorizationRenewal = Duration.ofDays(30);
    private Duration communicationDeadline = Duration.ofDays(90);
    private Duration registrationLoss = Duration.ofDays(365);
    private Duration outOfComplianceGrace = Duration.ofDays(30);
    private List<Duration> outOfComplianceNotices = days(30, 15, 5, 1);
    private Duration clockSkewTolerance = Duration.ofMinutes(5);
    private Duration retryInitial = Duration.ofMinutes(1);
    private Duration retryMax = Duration.ofHours(24);
    private int registrationAttempts = 5;
    private Duration usageReportDelay = Duration.ofSeconds(5);
    private Duration checkpointInterval = Duration.ofHours(1);

    private Builder() {}

    private Builder(ProductPolicy p) {
      productName = p.productName;
      softwareTag = p.softwareTag;
      p.entitlementOrder.forEach(e -> entitlements.put(e.tag(), e));
      evaluationPeriod = p.evaluationPeriod;
      evaluationNotices = p.evaluationNotices;
      idCertRenewal = p.idCertRenewal;
      idCertValidity = p.idCertValidity;
      authorizationRenewal = p.authorizationRenewal;
      communicationDeadline = p.communicationDeadline;
      registrationLoss = p.registrationLoss;
      outOfComplianceGrace = p.outOfComplianceGrace;
      outOfComplianceNotices = p.outOfComplianceNotices;
      clockSkewTolerance = p.clockSkewTolerance;
      retryInitial = p.retryInitial;
      retryMax = p.retryMax;
      registrationAttempts = p.registrationAttempts;
      usageReportDelay = p.usageReportDelay;
      checkpointInterval = p.checkpointInterval;
    }

    public Builder productName(String name) {
      Objects.requireNonNull(name, "productName == null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("productName is blank");
      }
      this.productName = name;
      return this;
    }

    public Builder softwareTag(EntitlementTag tag) {
      this.softwareTag = Optional.of(Objects.requireNonNull(tag, "softwareTag == null"));
      return this;
    }

    /** Declares an entitlement; declaring the same tag twice is an error. */
    public Builder entitlement(EntitlementDefinition definition) {
      Objects.requireNonNull(definition, "definition == null");
      if (entitlements.putIfAbsent(definition.tag(), definition) != null) {
        throw new IllegalArgumentException("entitlement " + definition.tag() + " declared twice");
      }
      return this;
    }

    /** Sets the evaluation period; {@link Duration#ZERO} for a product without one. */
    public Builder evaluationPeriod(Duration period) {
      this.evaluationPeriod = nonNegative("evaluationPeriod", period);
      return this;
    }

    /** A product with no evaluation period (it needs a license from the account at once). */
    public Builder noEvaluation() {
      return evaluationPeriod(Duration.ZERO);
    }

    public Builder evaluationNotices(List<Duration> thresholds) {
      this.evaluationNotices = thresholds("evaluationNotices", thresholds);
      return this;
    }

    public Builder idCertRenewal(Duration d) {
      this.idCertRenewal = positive("idCertRenewal", d);
      return this;
    }

    public Builder idCertValidity(Duration d) {
      this.idCertValidity = positive("idCertValidity", d);
      return this;
    }

    public Builder authorizationRenewal(Duration d) {
      this.authorizationRenewal = positive("authorizationRenewal", d);
      return this;
    }

    public Builder communicationDeadline(Duration d) {
      this.communicationDeadline = positive("communicationDeadline", d);
      return this;
    }

    public Builder registrationLoss(Duration d) {
      this.registrationLoss = positive("registrationLoss", d);
      return this;
    }

    public Builder outOfComplianceGrace(Duration d) {
      this.outOfComplianceGrace = nonNegative("outOfComplianceGrace", d);
      return this;
    }

    public Builder outOfComplianceNotices(List<Duration> thresholds) {
      this.outOfComplianceNotices = thresholds("outOfComplianceNotices", thresholds);
      return this;
    }

    public Builder clockSkewTolerance(Duration d) {
      this.clockSkewTolerance = positive("clockSkewTolerance", d);
      return this;
    }

    public Builder retry(Duration initial, Duration max) {
      this.retryInitial = positive("retry initial", initial);
      this.retryMax = positive("retry max", max);
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "retry max " + max + " is below retry initial " + initial);
      }
      return this;
    }

    public Builder registrationAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("registrationAttempts must be >= 1 but was " + attempts);
      }
      this.registrationAttempts = attempts;
      return this;
    }

    public Builder usageReportDelay(Duration d) {
      this.usageReportDelay = nonNegative("usageReportDelay", d);
      return this;
    }

    public Builder checkpointInterval(Duration d) {
      this.checkpointInterval = positive("checkpointInterval", d);
      return this;
    }

    public ProductPolicy build() {
      if (idCertRenewal.compareTo(idCertValidity) >= 0) {
        throw new IllegalStateException(
            "idCertRenewal "
                + idCertRenewal
                + " must be shorter than idCertValidity "
                + idCertValidity);
      }
      if (authorizationRenewal.compareTo(communicationDeadline) >= 0) {
        throw new IllegalStateException(
            "authorizationRenewal "
                + authorizationRenewal
                + " must be shorter than communicationDeadline "
                + communicationDeadline);
      }
      return new ProductPolicy(this);
    }

    private static List<Duration> days(long... values) {
      List<Duration> list = new ArrayList<>();
      for (long v : values) {
        list.add(Duration.ofDays(v));
      }
      return List.copyOf(list);
    }

    private static List<Duration> thresholds(String name, List<Duration> values) {
      Objects.requireNonNull(values, name + " == null");
      values.forEach(d -> positive(name + " entry", d));
      return List.copyOf(values);
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + d);
      }
      return d;
    }

    private static Duration nonNegative(String name, Duration d) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative but was " + d);
      }
      return d;
    }
  }

  @Override
  public String toString() {
    return "ProductPolicy{" + productName + ", " + entitlementOrder.size() + " entitlements}";
  }
}
