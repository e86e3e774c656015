package org.opensmartagent.cli.command;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads on/off, yes/no and true/false. */
public final class Switch implements ITypeConverter<Boolean> {
  @Override
  public Boolean convert(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on", "yes", "true" -> Boolean.TRUE;
      case "off", "no", "false" -> Boolean.FALSE;
      default -> throw new TypeConversionException("'" + value + "' is neither on/yes nor off/no");
    };
  }
}
