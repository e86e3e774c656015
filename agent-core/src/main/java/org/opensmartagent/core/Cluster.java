package org.opensmartagent.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The machines of one cluster (or HA pair, or stack), each with its own {@link SmartAgent}. Smart
 * licensing can be enabled, every member registered, and reservation enabled or disabled on all of
 * them at once; everything else is done per member.
 *
 * <p>Each "all" operation runs on every member in order, one after the other, and never stops at a
 * failure: the answer holds one {@link MemberResult} per member, keyed by the member's primary UDI,
 * in member order. Thread-safety is that of the member agents. The cluster does not own the agents
 * and does not close them.
 */
public final class Cluster {
  private final List<SmartAgent> members;

  private Cluster(List<SmartAgent> members) {
    this.members = members;
  }

  /**
   * A cluster of these agents, in this order.
   *
   * @throws IllegalArgumentException if there are none, or two share a primary UDI
   */
  public static Cluster of(List<SmartAgent> members) {
    Objects.requireNonNull(members, "members == null");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("members is empty; a cluster needs at least one agent");
    }
    List<SmartAgent> copy = List.copyOf(members);
    long distinct = copy.stream().map(Cluster::udiOf).distinct().count();
    if (distinct != copy.size()) {
      throw new IllegalArgumentException(
          "two members share a primary UDI; give each machine its own agent");
    }
    return new Cluster(copy);
  }

  public List<SmartAgent> members() {
    return members;
  }

  /** Enables smart licensing on every member. */
  public Map<Udi, MemberResult> enableAll() {
    return forEach(
        agent -> {
          agent.enable();
          return MemberResult.success("Smart licensing enabled");
        });
  }

  /** Registers every member with the same token (which must allow that many uses). */
  public Map<Udi, MemberResult> registerAll(String token) {
    Objects.requireNonNull(token, "token == null");
    return forEach(agent -> MemberResult.of(agent.register(token)));
  }

  /** Enables license reservation on every member. */
  public Map<Udi, MemberResult> enableReservationAll() {
    return forEach(
        agent -> {
          agent.enableReservation();
          return MemberResult.success("License reservation enabled");
        });
  }

  /** Disables license reservation on every member. */
  public Map<Udi, MemberResult> disableReservationAll() {
    return forEach(
        agent -> {
          agent.disableReservation();
          return MemberResult.success("License reservation disabled");
        });
  }

  private Map<Udi, MemberResult> forEach(Function<SmartAgent, MemberResult> operation) {
    Map<Udi, MemberResult> results = new LinkedHashMap<>();
    for (SmartAgent agent : members) {
      results.put(udiOf(agent), attempt(agent, operation));
    }
    return Collections.unmodifiableMap(results);
  }

  private static MemberResult attempt(
      SmartAgent agent, Function<SmartAgent, MemberResult> operation) {
    try {
      return operation.apply(agent);
    } catch (IllegalStateException e) {
      return new MemberResult(MemberResult.Status.NOT_VALID_NOW, e.getMessage());
    } catch (IllegalArgumentException e) {
      return new MemberResult(MemberResult.Status.BAD_INPUT, e.getMessage());
    } catch (RuntimeException e) {
      return new MemberResult(MemberResult.Status.FAILED, String.valueOf(e.getMessage()));
    }
  }

  private static Udi udiOf(SmartAgent agent) {
    return agent.status().udis().get(0);
  }

  /** How an operation ended on one member. */
  public record MemberResult(Status status, String message) {
    /** Why it ended so; everything but {@link #SUCCEEDED} is a failure. */
    public enum Status {
      SUCCEEDED,
      /** The license server said no. */
      REJECTED,
      /** The license server could not be reached. */
      COMMUNICATION_FAILED,
      /** Not valid in the member's current state. */
      NOT_VALID_NOW,
      /** The input was refused (e.g. a malformed token). */
      BAD_INPUT,
      /** Anything else (e.g. the member's store could not be written). */
      FAILED
    }

    public MemberResult {
      Objects.requireNonNull(status, "status == null");
      Objects.requireNonNull(message, "message == null");
    }

    public boolean succeeded() {
      return status == Status.SUCCEEDED;
    }

    static MemberResult success(String message) {
      return new MemberResult(Status.SUCCEEDED, message);
    }

    static MemberResult of(OperationResult r) {
      Status s =
          switch (r.outcome()) {
            case SUCCEEDED -> Status.SUCCEEDED;
            case REJECTED -> Status.REJECTED;
            case COMMUNICATION_FAILED -> Status.COMMUNICATION_FAILED;
          };
      return new MemberResult(s, r.message());
    }
  }
}
