package org.opensmartagent.cli.command;

import picocli.CommandLine.Model.CommandSpec;

/** The name a command is known by in messages and in the JSON {@code command} field. */
public final class CommandNames {
  private CommandNames() {}

  /**
   * The command's name as typed: its own name for {@code license_smart} and its direct commands
   * ({@code register}, {@code mock-cssm}), its group and its name below them ({@code tokens
   * create}, {@code reservations confirm}).
   */
  public static String of(CommandSpec spec) {
    CommandSpec parent = spec.parent();
    return parent == null || parent.parent() == null
        ? spec.name()
        : parent.name() + " " + spec.name();
  }
}
