package org.opensmartagent.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.opensmartagent.cli.config.DeviceSession;
import org.opensmartagent.cli.render.Result;
import org.opensmartagent.core.AgentStatus;
import org.opensmartagent.core.EnforcementMode;
import org.opensmartagent.core.EntitlementTag;

/**
 * Requesting and releasing feature licenses, as the device's numbered menu does. Base licenses are
 * requested when smart licensing is enabled and are never listed: they can't be released.
 */
public final class LicenseActions {
  private LicenseActions() {}

  /** One line of the numbered list. */
  public record Choice(int number, AgentStatus.Entitlement license, String availability) {}

  /**
   * The numbered list: for a request every feature, marked AVAILABLE (not requested), IN_USE, or
   * NA_OOC (requested but out of compliance); for a release only the features in use.
   */
  public static List<Choice> choices(DeviceSession s, boolean release) {
    List<Choice> list = new ArrayList<>();
    for (AgentStatus.Entitlement e : s.agent().status().entitlements()) {
      boolean inUse =
          e.mode() != EnforcementMode.INITIALIZED && e.mode() != EnforcementMode.DISABLED;
      if (!e.base() && (!release || inUse)) {
        list.add(new Choice(list.size() + 1, e, availability(e, inUse)));
      }
    }
    return list;
  }

  private static String availability(AgentStatus.Entitlement e, boolean inUse) {
    if (!inUse) {
      return "AVAILABLE";
    }
    return e.mode() == EnforcementMode.OUT_OF_COMPLIANCE
            || e.mode() == EnforcementMode.GRACE_PERIOD_EXPIRED
        ? "NA_OOC"
        : "IN_USE";
  }

  /** The list as the menu prints it. */
  public static List<String> lines(List<Choice> choices) {
    List<String> lines = new ArrayList<>();
    for (Choice c : choices) {
      lines.add(
          c.number()
              + ". "
              + c.license().displayName()
              + " ("
              + c.license().tag().value()
              + ") "
              + c.availability());
    }
    return lines;
  }

  /** The list as a result (nothing chosen yet). */
  public static Result list(String command, List<Choice> choices) {
    ObjectNode data = Result.emptyData();
    data.set("licenses", json(choices, List.of()));
    String message =
        choices.isEmpty()
            ? "There are no licenses to choose from"
            : choices.size() + (choices.size() == 1 ? " license" : " licenses");
    return Result.ok(command, message, data)
        .withText(choices.isEmpty() ? List.of(message) : lines(choices));
  }

  public static Result request(DeviceSession s, String selection) {
    List<Choice> choices = choices(s, false);
    List<Choice> chosen = select(choices, selection, s);
    chosen.forEach(c -> s.agent().request(c.license().tag()));
    return done("requestsmart_license", "Requested", choices, chosen);
  }

  public static Result release(DeviceSession s, String selection) {
    List<Choice> choices = choices(s, true);
    List<Choice> chosen = select(choices, selection, s);
    chosen.forEach(c -> s.agent().release(c.license().tag()));
    return done("releasesmart_license", "Released", choices, chosen);
  }

  /** The result, in JSON numbered as the list the operator chose from. */
  private static Result done(
      String command, String verb, List<Choice> listed, List<Choice> chosen) {
    List<String> names = chosen.stream().map(c -> c.license().displayName()).toList();
    ObjectNode data = Result.emptyData();
    data.set("licenses", json(listed, chosen));
    return Result.ok(command, verb + ": " + String.join(", ", names), data);
  }

  /** As {@link #select(List, String)}, saying so when a base license is named. */
  static List<Choice> select(List<Choice> choices, String selection, DeviceSession s) {
    for (String part : selection.split(",")) {
      String p = part.trim();
      for (AgentStatus.Entitlement e : s.agent().status().entitlements()) {
        if (e.base() && (p.equals(e.tag().value()) || p.equalsIgnoreCase(e.displayName()))) {
          throw new IllegalArgumentException(
              "The product base license "
                  + e.displayName()
                  + " ("
                  + e.tag().value()
                  + ") is requested by default and cannot be released or requested; choose"
                  + " from: "
                  + (choices.isEmpty() ? "(nothing)" : String.join("; ", lines(choices))));
        }
      }
    }
    return select(choices, selection);
  }

  /**
   * The licenses named by {@code selection}: numbers from the list ("3,5,8"), tags or display
   * names, separated by commas.
   *
   * @throws IllegalArgumentException naming the entry that matches nothing
   */
  static List<Choice> select(List<Choice> choices, String selection) {
    Set<Choice> chosen = new LinkedHashSet<>();
    for (String part : selection.split(",")) {
      String p = part.trim();
      if (!p.isEmpty()) {
        chosen.add(find(choices, p));
      }
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "nothing was selected; give license numbers such as 1,3 or tags, from: "
              + String.join("; ", lines(choices)));
    }
    return List.copyOf(chosen);
  }

  private static Choice find(List<Choice> choices, String p) {
    for (Choice c : choices) {
      if (p.equals(String.valueOf(c.number()))
          || p.equalsIgnoreCase(c.license().displayName())
          || p.equals(c.license().tag().value())) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + p
            + "' is not in the list; choose from: "
            + (choices.isEmpty() ? "(nothing)" : String.join("; ", lines(choices))));
  }

  private static ArrayNode json(List<Choice> choices, List<Choice> chosen) {
    ArrayNode a = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    Set<EntitlementTag> picked = new LinkedHashSet<>();
    chosen.forEach(c -> picked.add(c.license().tag()));
    for (Choice c : choices) {
      a.addObject()
          .put("number", c.number())
          .put("tag", c.license().tag().value())
          .put("name", c.license().displayName())
          .put("availability", c.availability())
          .put("selected", picked.contains(c.license().tag()));
    }
    return a;
  }
}
