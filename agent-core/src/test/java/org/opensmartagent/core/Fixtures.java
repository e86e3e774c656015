package org.opensmartagent.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.time.VirtualTime;
import org.opensmartagent.core.transport.ScriptedTransport;

/**
 * An email gateway's licensing on virtual time: one agent, a scripted server, an in-memory store
 * and a record of every event. Tests move time with {@link #advance}.
 */
public final class Fixtures implements AutoCloseable {
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  public static final EntitlementTag MAIL = EntitlementTag.parse("ESA_Mail_Handling");
  public static final EntitlementTag MALWARE =
      EntitlementTag.parse(
          "regid.2017-03.com.cisco.ESA_Anti_Malware,1.0_a8f4d8c3-7f2b-4f6e-9c55-5f3e1e6f1a01");
  public static final EntitlementTag DLP = EntitlementTag.parse("ESA_Data_Loss_Prevention");
  public static final EntitlementTag OUTBREAK = EntitlementTag.parse("ESA_Outbreak_Filters");
  public static final Udi UDI = Udi.of("ESA-C170", "FCH1234ABCD");

  public final VirtualTime time = new VirtualTime(START);
  public final ScriptedTransport server = new ScriptedTransport(time.clock());
  public final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  public TrustedStore store;
  public final ProductPolicy policy;
  public SmartAgent agent;

  public Fixtures() throws StoreException {
    this(defaultPolicy(), new InMemoryTrustedStore());
  }

  public Fixtures(ProductPolicy policy, TrustedStore store) throws StoreException {
    this.policy = policy;
    this.store = store;
    this.agent = build();
  }

  public static ProductPolicy defaultPolicy() {
    return ProductPolicy.builder()
        .productName("Email Security Appliance")
        .entitlement(EntitlementDefinition.base(MAIL.value(), "Mail Handling"))
        .entitlement(
            new EntitlementDefinition(
                MALWARE,
                "Anti-Malware",
                "Anti-Malware",
                "1.0",
                CountUnit.DEVICES,
                false,
                GatingMode.DENY_WHEN_EXPIRED))
        .entitlement(EntitlementDefinition.feature(DLP.value(), "Data Loss Prevention"))
        .entitlement(
            EntitlementDefinition.feature(OUTBREAK.value(), "Outbreak Filters")
                .withGating(GatingMode.DENY_WHEN_EXPIRED))
        .build();
  }

  public SmartAgent build() throws StoreException {
    return builder().build();
  }

  /** The builder of this fixture's agent (its policy, server, store, time and events), to vary. */
  public SmartAgent.Builder builder() {
    return SmartAgent.builder()
        .policy(policy)
        .udi(UDI)
        .transport(server)
        .store(store)
        .scheduler(time)
        .clock(time.clock())
        .ticker(time.ticker())
        .random(new SplittableRandom(42))
        .listener(events::add);
  }

  /** Closes the agent and starts a new one on the same store, as after a reboot. */
  public SmartAgent restart(TrustedStore newStore) throws StoreException {
    agent.close(); // closing twice is harmless
    store = newStore;
    agent = build();
    return agent;
  }

  public void advance(Duration d) {
    time.advance(d);
  }

  public void advanceDays(long days) {
    time.advance(Duration.ofDays(days));
  }

  public List<AgentEvent> events(EventCode code) {
    return events.stream().filter(e -> e.code() == code).toList();
  }

  public List<EventCode> codes() {
    List<EventCode> codes = new ArrayList<>();
    events.forEach(e -> codes.add(e.code()));
    return codes;
  }

  public AgentStatus status() {
    return agent.status();
  }

  public EnforcementMode mode(EntitlementTag tag) {
    return status().entitlement(tag).orElseThrow().mode();
  }

  /** Enabled, registered and authorized, with anti-malware and DLP in use. */
  public void registeredWithFeatures() {
    agent.enable();
    agent.request(MALWARE);
    agent.request(DLP);
    OperationResult r = agent.register("VALIDTOKEN123");
    if (!r.succeeded()) {
      throw new AssertionError(r.toString());
    }
  }

  @Override
  public void close() {
    agent.close();
  }
}
